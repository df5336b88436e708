"""Why an order cannot be placed or paid: raised by the order and payment services."""
from artiqo.core.errors import Conflict, Invalid


class OrderError(Conflict):
    """Base class: the message is safe to show the buyer."""

    code = "order_refused"


class EmptyBasket(OrderError):
    code = "empty_cart"

    def __init__(self, message: str = "Your cart is empty."):
        super().__init__(message)


class ArtworkUnavailable(OrderError):
    """An artwork in the order was just sold to someone else (or its stock is gone)."""

    code = "sold_out"

    def __init__(self, product, message: str | None = None):
        self.product = product
        title = product.get_title() if product is not None else "An artwork"
        super().__init__(message or f"Sorry, “{title}” was just sold to another buyer.")


class InvalidShipping(Invalid, OrderError):
    """Unknown shipping method, or an address that is missing or incomplete.

    `errors` name the fields at fault; `fields` are the same as the order's body holds
    them (an address form's errors nested under `shipping_address`).
    """

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None, *, fields: dict | None = None):
        self.errors = errors or {}
        super().__init__(message, fields=fields or self.errors or {"shipping_address": [message]})


class OrderNotPayable(OrderError):
    """The order is already paid, refunded or cancelled, so it takes no new payment."""

    code = "order_not_payable"
