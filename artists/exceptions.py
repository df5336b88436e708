"""Errors the studio and special-order services raise; `message` is fit to show to the user.

The kinds of `artiqo.core.errors` under the studio's own names; a conflict's `code` says
which rule refused (`application_exists`, `illegal_transition`, or plain `conflict`).
"""
from artiqo.core import errors


class StudioError(errors.ApplicationError):
    """A request the rules refuse."""

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message, code=code)


class NotFound(StudioError, errors.NotFound):
    """No such object among the caller's own (someone else's is reported the same way)."""


class NotPermitted(StudioError, errors.NotPermitted):
    """The caller takes part, but this step belongs to the other side."""


class Conflict(StudioError, errors.Conflict):
    """The object's current state does not allow this step (an illegal transition)."""
