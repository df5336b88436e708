"""The one error vocabulary: what a service raises when the rules refuse a request.

Services raise a subclass of one of five kinds; the delivery floor translates it once:
the API's exception handler (`artiqo.core.api.exceptions`) into the JSON error body with
the kind's status, and `artiqo.core.web_errors` into a form error or a message for pages.

    NotFound      the object does not exist for this caller            API 404
    NotPermitted  the caller may not do this                           API 403
    Conflict      the object's current state does not allow this step  API 409
    Unavailable   not possible right now (a service is down, a lock-out) API 503
    Invalid       the input is wrong; `fields` names the bad fields    API 400

Every error has a stable machine `code` (clients switch on it; changing one is an API
change) and a `message` that is safe to show the user. A domain error keeps its own name
(`ArtworkSoldOut`, `PaymentInProgress`, ...) and only picks its kind and code here.

`http_status` exists for the few answers whose status is not their kind's by history
(401 for a refused login, 422 for a reused Idempotency-Key, 429 for a locked login);
leave it unset everywhere else. It is a hint to the API translator, not a dependency on HTTP.
"""
from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """Base of every refusal a service reports; raise one of the five kinds below, never this."""

    code: str = "error"
    default_message: str = "The request could not be completed."
    http_status: int | None = None

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 fields: dict[str, Any] | None = None, detail: str | None = None):
        """`message` is for the user (default: the class's); `fields` names the inputs at fault
        (or, for a conflict, facts such as `num_available`); `detail`, when given, is the
        technical cause for the logs and becomes `str(error)` instead of the message.
        """
        self.message = str(message) if message else self.default_message
        if code is not None:
            self.code = code  # this one error's code; the class keeps its own
        self.fields = dict(fields or {})
        if detail is None:
            super().__init__(self.message)
        else:
            super().__init__(*((detail,) if detail else ()))


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
    """Not possible right now: a service we depend on is off or down, or a lock-out runs.

    `retry_after` (seconds) says when to try again, when known.
    """

    code = "unavailable"
    default_message = "This service is unavailable right now; try again later."

    def __init__(self, message: str | None = None, *, retry_after: int | None = None, **kwargs):
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class Invalid(ApplicationError):
    """The input is wrong; `fields` maps each field at fault to its messages (may be empty)."""

    code = "invalid"
    default_message = "The request is invalid; see the field messages."


KINDS: tuple[type[ApplicationError], ...] = (NotFound, NotPermitted, Conflict, Unavailable, Invalid)


def error_kind(error: ApplicationError) -> type[ApplicationError]:
    """The kind of `error`: the first of the five in its class's MRO.

    A domain family may sit under one kind while one member is another (an order error
    that is invalid input): that member lists the kind first, `(Invalid, OrderError)`.
    """
    return next((klass for klass in type(error).__mro__ if klass in KINDS), Conflict)
