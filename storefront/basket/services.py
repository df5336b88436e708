"""Writes to a buyer's cart: Oscar's open basket and its stock rules, for the API and pages.

The cart is the very basket the browser uses: loaded the way Oscar's BasketMiddleware
loads it, priced by the user's strategy, and checked against Oscar's availability
policy, so a sold original or more than the stock is refused here whatever the client.
"""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from oscar.core.loading import get_class, get_model

from artiqo.core.errors import ApplicationError, Conflict, NotFound
from storefront.order.holds import (
    ArtworkReserved,
    artwork_unavailable,
    order_holds_release_expired,
    stock_holds_release_expired,
)
from storefront.partner.private_sales import private_sale_works

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")


class BasketError(ApplicationError):
    """A cart change the rules refuse; `message` is fit to show to the buyer."""

    def __init__(self, message: str, **kwargs):
        super().__init__(message, **kwargs)


class ProductNotFound(BasketError, NotFound):
    """No artwork for sale has this id."""

    code = "product_not_found"


class LineNotFound(BasketError, NotFound):
    """The artwork is not in the cart."""

    code = "not_in_cart"


class PurchaseNotPermitted(BasketError, Conflict):
    """The artwork cannot be bought in this quantity (sold, not enough stock, limits)."""

    code = "purchase_not_permitted"

    def __init__(self, message: str, *, num_available: int | None = None):
        super().__init__(message, fields={"num_available": num_available} if num_available is not None else None)
        self.num_available = num_available


class ArtworkSoldOut(PurchaseNotPermitted):
    """Nothing left: a sold original, or every print of an edition gone."""

    code = "sold_out"


class ArtworkHeld(ArtworkSoldOut):
    """Nothing free because the work is held for another buyer (a price their artist accepted)."""

    code = "reserved"


class InsufficientStock(PurchaseNotPermitted):
    """Fewer left than the quantity asked for."""

    code = "insufficient_stock"


def basket_strategy_attach(*, basket, user):
    """Give a basket the pricing and stock strategy of `user`, as the middleware does."""
    basket.strategy = Selector().strategy(user=user)
    basket.owner = user
    return basket


def basket_for_user(*, user):
    """The user's open basket, created when they have none, with their strategy."""
    try:
        basket, _ = Basket.open.get_or_create(owner=user)
    except Basket.MultipleObjectsReturned:
        # Oscar's middleware merges stray duplicates the same way.
        basket, *others = list(Basket.open.filter(owner=user).order_by("pk"))
        for other in others:
            basket.merge(other)
    return basket_strategy_attach(basket=basket, user=user)


def _basket_locked(*, user):
    # Lock the user's row first: concurrent changes to one cart then apply one after the
    # other, including creating the basket (nothing in the schema stops two open ones).
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()
    return basket_for_user(user=user)


def product_for_sale_to(*, product, user) -> bool:
    """Whether `user` may buy `product`: listed in the shop, or made for them (e.g. their special order)."""
    if product.is_public:
        return True
    return product.pk in private_sale_works(buyer=user, artwork_ids=[product.pk])


def _product_for_sale(product_id: int, *, user):
    product = Product.objects.filter(pk=product_id).exclude(structure=Product.PARENT).first()
    # A hidden work is "not found" for everyone but the buyer it was made for.
    if product is None or not product_for_sale_to(product=product, user=user):
        raise ProductNotFound(f"There is no artwork with id {product_id}.")
    return product


def _purchase_check(*, basket, product, quantity: int) -> None:
    info = basket.strategy.fetch_for_product(product)
    if info.stockrecord is None or not info.price.exists:
        raise ArtworkSoldOut(f"“{product.get_title()}” is not for sale.", num_available=0)
    permitted, _reason = info.availability.is_purchase_permitted(quantity)
    if not permitted and (order_holds_release_expired(stockrecord_ids=[info.stockrecord.pk])
                          + stock_holds_release_expired(stockrecord_ids=[info.stockrecord.pk])):
        # The work was only held by unpaid orders or holds whose time ran out: it is for sale again.
        info = basket.strategy.fetch_for_product(Product.objects.get(pk=product.pk))
        permitted, _reason = info.availability.is_purchase_permitted(quantity)
    if permitted:
        currency = basket.currency
        if currency and info.price.currency != currency:
            raise PurchaseNotPermitted(
                f"“{product.get_title()}” is priced in {info.price.currency}; your cart is in {currency}."
            )
        return
    num_available = max(int(getattr(info.availability, "num_available", 0) or 0), 0)
    if num_available == 0:
        why = artwork_unavailable(product=product, stockrecord_id=info.stockrecord.pk)
        if isinstance(why, ArtworkReserved):
            raise ArtworkHeld(why.message, num_available=0)
        raise ArtworkSoldOut(f"“{product.get_title()}” is sold.", num_available=0)
    raise InsufficientStock(
        f"Only {num_available} of “{product.get_title()}” can be bought; you asked for {quantity}.",
        num_available=num_available,
    )


def _threshold_check(*, basket, extra_quantity: int) -> None:
    allowed, reason = basket.is_quantity_allowed(extra_quantity)
    if not allowed:
        raise PurchaseNotPermitted(str(reason))


def basket_line_add(*, user, product_id: int, quantity: int = 1):
    """Add `quantity` of an artwork to the user's cart; returns the basket."""
    if quantity < 1:
        raise ValueError("quantity must be at least 1")
    with transaction.atomic():
        basket = _basket_locked(user=user)
        product = _product_for_sale(product_id, user=user)
        _purchase_check(basket=basket, product=product, quantity=basket.product_quantity(product) + quantity)
        _threshold_check(basket=basket, extra_quantity=quantity)
        basket.add_product(product, quantity)
    return basket_strategy_attach(basket=Basket.objects.get(pk=basket.pk), user=user)


def _lines_of_product(*, basket, product_id: int) -> list:
    lines = list(basket.lines.filter(product_id=product_id).select_related("product").order_by("pk"))
    if lines:
        return lines
    if Product.objects.filter(pk=product_id).exists():
        raise LineNotFound(f"The artwork {product_id} is not in the cart.")
    raise ProductNotFound(f"There is no artwork with id {product_id}.")


def basket_line_update(*, user, product_id: int, quantity: int):
    """Set how many of an artwork the cart holds; 0 removes it. Returns the basket."""
    if quantity < 0:
        raise ValueError("quantity cannot be negative")
    with transaction.atomic():
        basket = _basket_locked(user=user)
        first, *duplicates = _lines_of_product(basket=basket, product_id=product_id)
        if quantity == 0:
            basket.lines.filter(product_id=product_id).delete()
        else:
            current = first.quantity + sum(line.quantity for line in duplicates)
            if not product_for_sale_to(product=first.product, user=user):
                raise ArtworkSoldOut(f"“{first.product.get_title()}” is no longer for sale.", num_available=0)
            _purchase_check(basket=basket, product=first.product, quantity=quantity)
            if quantity > current:
                _threshold_check(basket=basket, extra_quantity=quantity - current)
            # Artworks have no options, so one line per artwork is the whole truth.
            basket.lines.filter(pk__in=[line.pk for line in duplicates]).delete()
            first.quantity = quantity
            first.save(update_fields=["quantity", "date_updated"])
        basket.reset_offer_applications()
    return basket_strategy_attach(basket=Basket.objects.get(pk=basket.pk), user=user)


def basket_line_remove(*, user, product_id: int):
    """Take an artwork out of the cart; returns the basket."""
    return basket_line_update(user=user, product_id=product_id, quantity=0)
