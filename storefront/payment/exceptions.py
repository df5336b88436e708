"""Why a payment cannot start: raised by the payment services, mapped to 409/400/503 by views."""


class PaymentNotStarted(Exception):
    """Base class: the message is safe to show the buyer."""


class PaymentInProgress(PaymentNotStarted):
    def __init__(self, message: str = "A payment for this order is already in progress."):
        super().__init__(message)


class IdempotencyKeyReused(PaymentNotStarted):
    def __init__(self, message: str = "This Idempotency-Key was used with a different request."):
        super().__init__(message)


class InvalidPaymentMethod(PaymentNotStarted):
    """The card number or payment method token is not usable (field errors for the form/API)."""

    def __init__(self, message: str, field: str):
        self.field = field
        super().__init__(message)
