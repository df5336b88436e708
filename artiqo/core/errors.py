"""The one error vocabulary: what a service raises when the rules refuse a request.

Services raise a subclass of one of five kinds; the delivery floor translates it once:
the API's exception handler (`artiqo.core.api.exceptions`) into the JSON error body with
the kind's status, and `artiqo.core.web_errors` into a form error or a message for pages.

    NotFound      the object does not exist for this caller            API 404
    NotPermitted  the caller may not do this                           API 403
    Conflict      the object's current state does not allow this step  API 409
    Unavailable   a service we depend on is switched off or down       API 503
    Invalid       the input is wrong; `fields` names the bad fields    API 400

Every error has a stable machine `code` (clients switch on it; changing one is an API
change) and a `message` that is safe to show the user. A domain error keeps its own name
(`ArtworkSoldOut`, `PaymentInProgress`, ...) and only picks its kind and code here.

`http_status` exists for the few answers whose status is not their kind's by history
(422 for a reused Idempotency-Key, 429 for a locked login, 502 for a gateway that failed);
leave it unset everywhere else. It is a hint to the API translator, not a dependency on HTTP.
"""
from __future__ import annotations

from typing import ClassVar


class ApplicationError(Exception):
    """Base of every refusal a service reports; never raised directly."""

    code: str = "error"
    default_message: ClassVar[str] = "The request could not be completed."
    http_status: ClassVar[int | None] = None

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 fields: dict[str, list[str]] | None = None):
        self.message = str(message) if message else self.default_message
        if code is not None:
            self.code = code  # instance attribute: this one error's code, the class keeps its own
        self.fields = dict(fields or {})
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class NotFound(ApplicationError):
    """No such object for this caller (someone else's is reported the same way)."""

    code = "not_found"
    default_message = "Not found."


class NotPermitted(ApplicationError):
    """The caller is known, but this step is not theirs to take."""

    code = "permission_denied"
    default_message = "You do not have permission to perform this action."


class Conflict(ApplicationError):
    """The object's current state does not allow this step (sold out, already paid, ...)."""

    code = "conflict"
    default_message = "The request conflicts with the current state."


class Unavailable(ApplicationError):
    """A service we depend on is switched off or not answering; `retry_after` in seconds if known."""

    code = "unavailable"
    default_message = "This service is unavailable right now; try again later."

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 fields: dict[str, list[str]] | None = None, retry_after: int | None = None):
        self.retry_after = retry_after
        super().__init__(message, code=code, fields=fields)


class Invalid(ApplicationError):
    """The input is wrong; `fields` maps a field name to its messages (may be empty)."""

    code = "invalid"
    default_message = "The request is invalid; see the field messages."
