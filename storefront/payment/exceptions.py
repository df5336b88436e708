"""Why a payment cannot start: raised by the payment services (see artiqo.core.errors for the answers)."""
from artiqo.core.errors import Conflict, Invalid


class PaymentNotStarted(Conflict):
    """Base class: the message is safe to show the buyer."""

    code = "payment_not_started"


class PaymentInProgress(PaymentNotStarted):
    code = "payment_in_progress"

    def __init__(self, message: str = "A payment for this order is already in progress."):
        super().__init__(message)


class IdempotencyKeyReused(PaymentNotStarted):
    code = "idempotency_key_reused"
    http_status = 422  # the Idempotency-Key draft's answer, not a plain 409

    def __init__(self, message: str = "This Idempotency-Key was used with a different request."):
        super().__init__(message)


class InvalidPaymentMethod(Invalid, PaymentNotStarted):
    """The card number or payment method token is not usable (field errors for the form/API)."""

    def __init__(self, message: str, field: str):
        self.field = field
        super().__init__(message, fields={field: [message]})
