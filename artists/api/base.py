"""What the studio and special-order endpoints share (nothing left to translate).

The services' NotFound/NotPermitted/Conflict are ApplicationErrors now, answered by the
API's one handler (artiqo.core.api.exceptions) with the code the service gave them.
"""


class StudioErrorsMixin:
    """Kept so the views' bases stay as they are until the studio's API moves; remove it then.

    `conflict_code` is no longer read: the services name the conflict themselves.
    """

    conflict_code = "conflict"
