"""Writes to orders: place an unpaid order from a basket (holding its works) and settle it when paid."""
from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from oscar.core.loading import get_class, get_model

from storefront.order import statuses
from storefront.order.exceptions import ArtworkUnavailable, EmptyBasket, InvalidShipping, OrderNotPayable
from storefront.order.holds import (
    hold_expiry,
    lines_reserve,
    order_hold_claim,
    order_holds_release_expired,
    stock_holds_attach,
    stock_holds_release_expired,
)

Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
UserAddress = get_model("address", "UserAddress")
Basket = get_model("basket", "Basket")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
ShippingAddressForm = get_class("checkout.forms", "ShippingAddressForm")
Selector = get_class("partner.strategy", "Selector")

logger = logging.getLogger(__name__)


class _ReservedStockOrderCreator(OrderCreator):
    """Oscar's order creator, minus its unchecked `allocate()`: order_place reserves stock first."""

    def update_stock_records(self, line):
        return None


def _shipping_repository():
    from storefront.shipping.repository import Repository

    return Repository()


def shipping_address_build(*, user, data: dict | None, use_default: bool = True):
    """An unsaved ShippingAddress from `data` (validated), else from the user's default address."""
    if data:
        form = ShippingAddressForm(data=data)
        if not form.is_valid():
            errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
            # The address's own fields go under `shipping_address`, as the order's body holds them.
            fields = {name: messages for name, messages in errors.items() if name not in form.fields}
            address_errors = {name: messages for name, messages in errors.items() if name in form.fields}
            if address_errors:
                fields["shipping_address"] = address_errors
            raise InvalidShipping("The shipping address is incomplete.", errors=errors, fields=fields)
        return form.save(commit=False)
    if not use_default:
        return None
    default = UserAddress.objects.filter(user=user, is_default_for_shipping=True).first()
    if default is None:
        return None
    address = ShippingAddress()
    default.populate_alternative_model(address)
    return address


def _address_book_update(*, user, address) -> None:
    # Like Oscar's checkout: remember the address for next time, counting its uses.
    user_address = UserAddress.objects.filter(user=user, hash=address.generate_hash()).first()
    if user_address is None:
        user_address = UserAddress(user=user)
        address.populate_alternative_model(user_address)
    user_address.num_orders_as_shipping_address += 1
    user_address.save()


def _basket_prepare(*, basket, user):
    if not basket.has_strategy:
        basket.strategy = Selector().strategy(user=user)
    if basket.status == Basket.SUBMITTED or basket.is_empty:
        raise EmptyBasket()


def _order_existing(*, user, basket, idempotency_key: str | None):
    if idempotency_key:
        order = Order.objects.filter(user=user, idempotency_key=idempotency_key).first()
        if order is not None:
            return order
    if basket.pk is None:
        return None
    # A basket becomes at most one order: a double submit gets the order it already made.
    return Order.objects.filter(basket_id=basket.pk, user=user).first()


def order_place(
    *,
    user,
    basket,
    shipping_address: dict | None = None,
    shipping_method_code: str | None = None,
    idempotency_key: str | None = None,
) -> Order:
    """Turn the basket into an unpaid order ("Pending payment") that holds its works for a while.

    The works are reserved with conditional updates before anything else is written, so
    of many buyers of one original exactly one gets an order and the rest ArtworkUnavailable.
    Calling again with the same idempotency key or basket returns the order already placed.
    """
    existing = _order_existing(user=user, basket=basket, idempotency_key=idempotency_key)
    if existing is not None:
        return existing
    _basket_prepare(basket=basket, user=user)
    collect = shipping_method_code == "collect"
    address = shipping_address_build(user=user, data=shipping_address, use_default=not collect)
    method = _shipping_repository().method_get(basket=basket, code=shipping_method_code, shipping_addr=address)
    if method is None:
        if address is None and shipping_method_code == "standard":
            raise InvalidShipping("Standard delivery needs a shipping address.",
                                  errors={"shipping_address": ["This field is required for standard delivery."]})
        raise InvalidShipping(f"Unknown shipping method “{shipping_method_code}”.",
                              errors={"shipping_method": ["Choose “standard” or “collect”."]})
    for attempt in (1, 2):
        try:
            return _order_create(user=user, basket=basket, address=address, method=method,
                                 idempotency_key=idempotency_key)
        except (ArtworkUnavailable, IntegrityError) as error:
            existing = _order_existing(user=user, basket=basket, idempotency_key=idempotency_key)
            if existing is not None:
                return existing
            if isinstance(error, IntegrityError):
                raise
            # Lapsed holds are released on the next access to the works they block.
            stockrecord_ids = [line.stockrecord_id for line in basket.all_lines()]
            released = order_holds_release_expired(stockrecord_ids=stockrecord_ids)
            released += stock_holds_release_expired(stockrecord_ids=stockrecord_ids)
            if attempt == 2 or not released:
                raise
    raise AssertionError("unreachable")


def _order_create(*, user, basket, address, method, idempotency_key: str | None):
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    number = str(OrderNumberGenerator().order_number(basket))
    with transaction.atomic():
        # Stock first: the row lock on each stock record then orders everything else, and
        # inserting lines (which share-lock their stock record) cannot deadlock with it.
        # A work held for this buyer (a price its artist accepted) passes from the hold to the order.
        taken_holds = lines_reserve(basket.all_lines(), user=user)
        if address is not None:
            address.save()
            _address_book_update(user=user, address=address)
        order = _ReservedStockOrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=method,
            shipping_charge=charge,
            user=user,
            shipping_address=address,
            order_number=number,
            status=statuses.PENDING_PAYMENT,
            hold_expires_at=hold_expiry(),
            idempotency_key=idempotency_key or None,
        )
        stock_holds_attach(hold_ids=taken_holds, order=order)
        basket.submit()
    logger.info("Order %s placed, awaiting payment", order.number)
    return order


def order_mark_paid(*, order) -> bool:
    """The payment for `order` completed: make it a sale. False if a work was sold meanwhile.

    A lapsed order's works are re-reserved; when one of them went to another buyer (or the
    order was already paid or cancelled) the caller must refund this payment.
    """
    try:
        order_hold_claim(order=order, to_status=statuses.PAID)
    except (ArtworkUnavailable, OrderNotPayable) as error:
        logger.warning("Order %s was paid but cannot be fulfilled: %s", order.number, error)
        return False
    return True
