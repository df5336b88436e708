"""Stock holds: reserve works for an order with conditional updates, release them when it lapses.

Every change is a single conditional UPDATE (never read-then-write), so concurrent buyers,
sweeps and payments can interleave freely; the `stockrecord_not_oversold` check
constraint is the last line of defence. Stock records are always touched in ascending id
order so that two orders sharing works cannot deadlock.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.order import statuses
from storefront.order.exceptions import ArtworkUnavailable, OrderNotPayable

Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderStatusChange = get_model("order", "OrderStatusChange")
StockRecord = get_model("partner", "StockRecord")


def hold_expiry(*, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(minutes=settings.ARTIQO_CHECKOUT_HOLD_MINUTES)


def _tracks_stock(product) -> bool:
    product_class = product.get_product_class() if product is not None else None
    return bool(product_class and product_class.track_stock)


def stock_reserve(*, stockrecord_id: int, quantity: int) -> bool:
    """Allocate `quantity` if that many are still free; False when someone else got there first."""
    allocated = Coalesce(F("num_allocated"), 0)
    return StockRecord.objects.filter(
        pk=stockrecord_id, num_in_stock__gte=allocated + quantity
    ).update(num_allocated=allocated + quantity) == 1


def stock_unreserve(*, stockrecord_id: int, quantity: int) -> None:
    StockRecord.objects.filter(pk=stockrecord_id, num_allocated__gte=quantity).update(
        num_allocated=F("num_allocated") - quantity
    )


def _holding_orders(**line_filter) -> QuerySet:
    """Unpaid orders still holding stock of the lines matching `line_filter` (their hold may have lapsed)."""
    line_filter = {f"lines__{name}": value for name, value in line_filter.items()}
    return Order.objects.filter(status=statuses.PENDING_PAYMENT, hold_expires_at__isnull=False,
                                lines__allocation_cancelled=False, **line_filter).distinct()


def _live_hold_until(*, now: datetime | None = None, **line_filter) -> datetime | None:
    now = now or timezone.now()
    return (_holding_orders(**line_filter).filter(hold_expires_at__gt=now)
            .order_by("-hold_expires_at").values_list("hold_expires_at", flat=True).first())


def _unavailable(line) -> ArtworkUnavailable:
    """Why a line's work cannot be had: sold, or only reserved by someone's unpaid order (for how long)."""
    product = line.product
    until = _live_hold_until(stockrecord_id=line.stockrecord_id) if line.stockrecord_id else None
    if until is None:
        return ArtworkUnavailable(product)
    minutes = max(round((until - timezone.now()).total_seconds() / 60), 1)
    return ArtworkUnavailable(product, (
        f"Sorry, “{product.get_title()}” is reserved: another buyer is paying for it right now. If their payment "
        f"does not go through, it is for sale again in about {minutes} minute{'s' if minutes != 1 else ''}."
    ))


def lines_reserve(lines) -> None:
    """Reserve the stock of basket or order lines; raises ArtworkUnavailable (call in a transaction)."""
    for line in sorted(lines, key=lambda line: line.stockrecord_id or 0):
        if not _tracks_stock(line.product):
            continue
        if line.stockrecord_id is None or not stock_reserve(
            stockrecord_id=line.stockrecord_id, quantity=line.quantity
        ):
            raise _unavailable(line)


def order_status_move(*, order, from_statuses: tuple[str, ...], to_status: str, **extra) -> bool:
    """Move the order to `to_status` only if it is in one of `from_statuses`; records the change."""
    for old_status in from_statuses:
        if Order.objects.filter(pk=order.pk, status=old_status).update(status=to_status, **extra):
            OrderStatusChange.objects.create(order_id=order.pk, old_status=old_status, new_status=to_status)
            order.status = to_status
            for field, value in extra.items():
                setattr(order, field, value)
            return True
    return False


def _order_lines(order) -> list:
    return list(order.lines.select_related("product__product_class").order_by("stockrecord_id", "pk"))


@transaction.atomic
def order_hold_release(*, order, to_status: str = statuses.EXPIRED, expired_before: datetime | None = None) -> bool:
    """Give an unpaid order's works back to the shop; True if this call released them."""
    extra_filter = {"hold_expires_at__lt": expired_before} if expired_before else {}
    released = Order.objects.filter(pk=order.pk, status=statuses.PENDING_PAYMENT, **extra_filter).update(
        status=to_status, hold_expires_at=None
    )
    if not released:
        return False
    OrderStatusChange.objects.create(order_id=order.pk, old_status=statuses.PENDING_PAYMENT, new_status=to_status)
    order.status, order.hold_expires_at = to_status, None
    for line in _order_lines(order):
        # The line flag makes the release exactly-once even if two sweeps race.
        if Line.objects.filter(pk=line.pk, allocation_cancelled=False).update(
            allocation_cancelled=True, num_allocated=0
        ) and line.stockrecord_id and _tracks_stock(line.product):
            stock_unreserve(stockrecord_id=line.stockrecord_id, quantity=line.quantity)
    return True


def product_holds_settle(*, product_id: int, now: datetime | None = None) -> tuple[bool, datetime | None]:
    """A work with nothing free is looked at: release the lapsed holds on it, and say how long a live one lasts.

    Returns (whether a lapsed hold was released, so the work is for sale again; the end of
    the live hold keeping it for an unpaid order, or None when it is simply sold). One
    query when nothing has lapsed.
    """
    now = now or timezone.now()
    orders = list(_holding_orders(product_id=product_id).only("pk", "status", "hold_expires_at"))
    live = [order.hold_expires_at for order in orders if order.hold_expires_at >= now]
    lapsed = [order for order in orders if order.hold_expires_at < now]
    released = [order_hold_release(order=order, expired_before=now) for order in lapsed]
    return any(released), max(live, default=None)


def order_holds_release_expired(*, now: datetime | None = None, stockrecord_ids=None) -> int:
    """Release every unpaid order whose hold has lapsed (optionally only those holding these works)."""
    now = now or timezone.now()
    orders = Order.objects.filter(status=statuses.PENDING_PAYMENT, hold_expires_at__lt=now)
    if stockrecord_ids is not None:
        orders = orders.filter(lines__stockrecord_id__in=list(stockrecord_ids)).distinct()
    return sum(order_hold_release(order=order, expired_before=now) for order in orders.only("pk", "status"))


@transaction.atomic
def order_hold_claim(*, order, to_status: str = statuses.PENDING_PAYMENT) -> None:
    """Keep the order's works for it: renew a live hold, or re-reserve the works of a lapsed one.

    With `to_status=PENDING_PAYMENT` the hold gets a fresh expiry; with `PAID` it becomes a
    sale. Raises ArtworkUnavailable when a lapsed order's work was sold meanwhile (nothing
    changes then) and OrderNotPayable when the order is past taking payments.
    """
    hold = hold_expiry() if to_status == statuses.PENDING_PAYMENT else None
    if to_status == statuses.PENDING_PAYMENT:
        if Order.objects.filter(pk=order.pk, status=statuses.PENDING_PAYMENT).update(hold_expires_at=hold):
            order.hold_expires_at = hold
            return
    elif order_status_move(order=order, from_statuses=(statuses.PENDING_PAYMENT,), to_status=to_status,
                           hold_expires_at=hold):
        return
    if not order_status_move(order=order, from_statuses=(statuses.EXPIRED,), to_status=to_status,
                             hold_expires_at=hold):
        order.refresh_from_db(fields=["status"])
        raise OrderNotPayable(f"Order {order.number} is {order.status.lower()} and takes no payment.")
    lines = _order_lines(order)
    for line in lines:
        Line.objects.filter(pk=line.pk, allocation_cancelled=True).update(
            allocation_cancelled=False, num_allocated=line.quantity
        )
    lines_reserve(lines)
