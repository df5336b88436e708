"""Why an order cannot be placed or paid: raised by the order and payment services."""


class OrderError(Exception):
    """Base class: the message is safe to show the buyer."""


class EmptyBasket(OrderError):
    def __init__(self, message: str = "Your cart is empty."):
        super().__init__(message)


class ArtworkUnavailable(OrderError):
    """An artwork in the order was just sold to someone else (or its stock is gone)."""

    def __init__(self, product, message: str | None = None):
        self.product = product
        title = product.get_title() if product is not None else "An artwork"
        super().__init__(message or f"Sorry, “{title}” was just sold to another buyer.")


class InvalidShipping(OrderError):
    """Unknown shipping method, or an address that is missing or incomplete."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None):
        self.errors = errors or {}
        super().__init__(message)


class OrderNotPayable(OrderError):
    """The order is already paid, refunded or cancelled, so it takes no new payment."""
