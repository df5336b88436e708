"""What the studio and special-order endpoints share (nothing left to translate).

The services' NotFound/NotPermitted/Conflict are ApplicationErrors now, answered by the
API's one handler (artiqo.core.api.exceptions) with the code the service gave them.
"""


class StudioErrorsMixin:
    """Map the services' NotFound/NotPermitted/Conflict to 404/403/409 (`conflict_code` names the 409)."""

    # The docstring above is published (drf-spectacular reads it as the views' description),
    # so it stays word for word until the studio's API moves; the mapping itself is done by
    # artiqo.core.api.exceptions now, and `conflict_code` is no longer read (the services
    # name their conflicts). Remove this mixin when the views move.
    conflict_code = "conflict"
