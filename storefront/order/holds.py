"""Stock holds: reserve works for an order with conditional updates, release them when it lapses.

A work can also be held for one buyer outside an order (a StockHold: an original at the
price its artist accepted). It allocates stock the same way; the holder's order takes the
allocation over when placed (and hands it back if it lapses unpaid while the hold lasts),
and everybody else finds the work reserved.

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
from storefront.order.signals import stock_hold_changed

Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderStatusChange = get_model("order", "OrderStatusChange")
StockRecord = get_model("partner", "StockRecord")
StockHold = get_model("partner", "StockHold")


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


def _live_stock_hold_until(*, stockrecord_id: int, now: datetime | None = None) -> datetime | None:
    now = now or timezone.now()
    return (StockHold.objects.filter(stockrecord_id=stockrecord_id, is_live=True, expires_at__gt=now)
            .order_by("-expires_at").values_list("expires_at", flat=True).first())


class ArtworkReserved(ArtworkUnavailable):
    """The work is held for another buyer (a price their artist accepted) until `until`."""

    code = "reserved"

    def __init__(self, product, until: datetime):
        self.until = until
        local = timezone.localtime(until)
        super().__init__(product, (
            f"Sorry, “{product.get_title()}” is reserved for another buyer until {local:%H:%M} on "
            f"{local:%-d %B} ({timezone.get_current_timezone_name()}). If they do not buy it by then, "
            f"it is for sale again."
        ))


def artwork_unavailable(*, product, stockrecord_id: int | None) -> ArtworkUnavailable:
    """Why a work cannot be had: reserved by someone's unpaid order (for how long), held for another
    buyer (until when), or sold."""
    until = _live_hold_until(stockrecord_id=stockrecord_id) if stockrecord_id else None
    if until is not None:
        minutes = max(round((until - timezone.now()).total_seconds() / 60), 1)
        return ArtworkUnavailable(product, (
            f"Sorry, “{product.get_title()}” is reserved: another buyer is paying for it right now. If their "
            f"payment does not go through, it is for sale again in about {minutes} minute{'s' if minutes != 1 else ''}."
        ))
    held = _live_stock_hold_until(stockrecord_id=stockrecord_id) if stockrecord_id else None
    return ArtworkReserved(product, held) if held is not None else ArtworkUnavailable(product)


def _unavailable(line) -> ArtworkUnavailable:
    return artwork_unavailable(product=line.product, stockrecord_id=line.stockrecord_id)


def _stock_hold_take_over(*, user, line, now: datetime) -> int | None:
    """The buyer's own live hold on the line's stock, handed to their order: its id, or None."""
    hold = (StockHold.objects.filter(user=user, stockrecord_id=line.stockrecord_id, is_live=True,
                                     expires_at__gt=now, quantity__gte=line.quantity)
            .values_list("pk", flat=True).first())
    # Conditional: a sweep or a release at the same moment wins, and then this one reserves anew.
    if hold is not None and StockHold.objects.filter(pk=hold, is_live=True).update(is_live=False) == 1:
        stock_hold_changed.send(sender=StockHold, product_id=line.product_id)
        return hold
    return None


def lines_reserve(lines, *, user=None) -> list[int]:
    """Reserve the stock of basket or order lines; raises ArtworkUnavailable (call in a transaction).

    A line whose stock `user` holds (StockHold) takes that allocation over instead of
    reserving more; returns the ids of those holds, for the caller to tie to its order.
    """
    taken: list[int] = []
    now = timezone.now()
    for line in sorted(lines, key=lambda line: line.stockrecord_id or 0):
        if not _tracks_stock(line.product):
            continue
        if getattr(user, "pk", None) is not None and line.stockrecord_id is not None:
            hold = _stock_hold_take_over(user=user, line=line, now=now)
            if hold is not None:
                taken.append(hold)
                continue
        if line.stockrecord_id is None or not stock_reserve(
            stockrecord_id=line.stockrecord_id, quantity=line.quantity
        ):
            raise _unavailable(line)
    return taken


def stock_holds_attach(*, hold_ids: list[int], order) -> None:
    """Record which order took these holds' allocations over (so a lapse gives them back)."""
    if hold_ids:
        StockHold.objects.filter(pk__in=hold_ids).update(order=order)


def stock_hold_place(*, user, product, until: datetime, label: str):
    """Keep one of `product` for `user` until `until`: allocated now, so nobody else can buy it meanwhile.

    Raises ArtworkUnavailable (ArtworkReserved when another buyer holds it) when nothing is
    free, after giving back what lapsed holds kept. Call inside the caller's transaction.
    """
    record = StockRecord.objects.filter(product=product).order_by("pk").first()
    if record is None:
        raise ArtworkUnavailable(product, f"“{product.get_title()}” is not for sale.")
    if not stock_reserve(stockrecord_id=record.pk, quantity=1):
        released = order_holds_release_expired(stockrecord_ids=[record.pk])
        released += stock_holds_release_expired(stockrecord_ids=[record.pk])
        if not released or not stock_reserve(stockrecord_id=record.pk, quantity=1):
            raise artwork_unavailable(product=product, stockrecord_id=record.pk)
    hold = StockHold.objects.create(stockrecord=record, user=user, quantity=1, expires_at=until, label=label)
    stock_hold_changed.send(sender=StockHold, product_id=product.pk)
    return hold


@transaction.atomic
def stock_hold_release(*, hold_id: int) -> bool:
    """End a live hold and give its stock back; False when it had already ended or gone to an order."""
    hold = StockHold.objects.filter(pk=hold_id).values("stockrecord_id", "stockrecord__product_id",
                                                       "quantity").first()
    if hold is None or StockHold.objects.filter(pk=hold_id, is_live=True).update(is_live=False) != 1:
        return False
    stock_unreserve(stockrecord_id=hold["stockrecord_id"], quantity=hold["quantity"])
    stock_hold_changed.send(sender=StockHold, product_id=hold["stockrecord__product_id"])
    return True


def stock_holds_release_expired(*, now: datetime | None = None, stockrecord_ids=None) -> int:
    """Release every live hold that has lapsed (optionally only those on these stock records)."""
    now = now or timezone.now()
    holds = StockHold.objects.filter(is_live=True, expires_at__lte=now)
    if stockrecord_ids is not None:
        holds = holds.filter(stockrecord_id__in=list(stockrecord_ids))
    return sum(stock_hold_release(hold_id=pk) for pk in holds.values_list("pk", flat=True))


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
    now = timezone.now()
    for line in _order_lines(order):
        # The line flag makes the release exactly-once even if two sweeps race.
        if Line.objects.filter(pk=line.pk, allocation_cancelled=False).update(
            allocation_cancelled=True, num_allocated=0
        ) and line.stockrecord_id and _tracks_stock(line.product):
            # A hold the order took over and that still runs gets its allocation back.
            if StockHold.objects.filter(order_id=order.pk, stockrecord_id=line.stockrecord_id, is_live=False,
                                        expires_at__gt=now).update(is_live=True, order=None):
                continue
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
    holds = list(StockHold.objects.filter(stockrecord__product_id=product_id, is_live=True)
                 .values_list("pk", "expires_at"))
    live += [until for _pk, until in holds if until > now]
    released += [stock_hold_release(hold_id=pk) for pk, until in holds if until <= now]
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
    # A hold the buyer got back when the order lapsed passes to the order again.
    stock_holds_attach(hold_ids=lines_reserve(lines, user=order.user), order=order)
