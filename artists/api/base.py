"""What the studio and special-order endpoints share: the services' errors as API errors."""
from rest_framework import exceptions

from artiqo.core.api import exceptions as api_exceptions
from artists.exceptions import Conflict, NotFound, NotPermitted


class StudioErrorsMixin:
    """Map the services' NotFound/NotPermitted/Conflict to 404/403/409 (`conflict_code` names the 409)."""

    conflict_code = "conflict"

    def handle_exception(self, exc):
        if isinstance(exc, NotFound):
            exc = exceptions.NotFound(exc.message)
        elif isinstance(exc, NotPermitted):
            exc = exceptions.PermissionDenied(exc.message)
        elif isinstance(exc, Conflict):
            exc = api_exceptions.Conflict(exc.message, code=self.conflict_code)
        return super().handle_exception(exc)
