"""Errors the studio and special-order services raise; `message` is fit to show to the user."""


class StudioError(Exception):
    """A request the rules refuse."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(StudioError):
    """No such object among the caller's own (someone else's is reported the same way)."""


class NotPermitted(StudioError):
    """The caller takes part, but this step belongs to the other side."""


class Conflict(StudioError):
    """The object's current state does not allow this step (an illegal transition)."""
