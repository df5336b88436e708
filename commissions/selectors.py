"""Reads of special orders: each side (buyer, artist) sees only the ones they take part in."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, Prefetch, Q, QuerySet, When
from django.utils import timezone
from oscar.core.loading import get_model

from commissions.models import SpecialOrder, SpecialOrderEvent, SpecialOrderStatus

Line = get_model("order", "Line")


def _special_orders() -> QuerySet:
    return SpecialOrder.objects.select_related(
        "artist", "artist__user", "buyer", "vibe", "artwork", "inspired_by"
    ).prefetch_related("references", "artwork__images")


def special_order_list(*, user, role: str | None = None, status: str | None = None) -> QuerySet:
    """Special orders the user placed (role "buyer"), received as an artist ("artist"), or both."""
    as_buyer, as_artist = Q(buyer=user), Q(artist__user=user)
    mine = {"buyer": as_buyer, "artist": as_artist}.get(role or "", as_buyer | as_artist)
    queryset = _special_orders().filter(mine)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")


def special_order_get(*, user, pk: int) -> SpecialOrder | None:
    """The special order with its history, if the user is its buyer or its artist; else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        special_order_list(user=user)
        .prefetch_related(Prefetch("events", queryset=SpecialOrderEvent.objects.select_related("actor")))
        .filter(pk=pk)
        .first()
    )


def special_order_works_awaiting_payment(*, buyer, artwork_ids) -> set[int]:
    """Of `artwork_ids`, the one-off works made for `buyer`'s accepted, unpaid special orders.

    Such a work is hidden from the shop (`is_public` False) yet for sale to that buyer alone.
    """
    ids = {int(pk) for pk in artwork_ids}
    if not ids or not getattr(buyer, "is_authenticated", False):
        return set()
    return set(
        SpecialOrder.objects.filter(buyer=buyer, status=SpecialOrderStatus.ACCEPTED, artwork_id__in=ids)
        .values_list("artwork_id", flat=True)
    )


def special_order_works(product_ids) -> set[int]:
    """Which of these products are special orders' one-off works (their quote includes delivery)."""
    return set(SpecialOrder.objects.filter(artwork_id__in=list(product_ids)).values_list("artwork_id", flat=True))


def special_order_role(special_order: SpecialOrder, user) -> str | None:
    if special_order.artist.user_id == user.pk:
        return "artist"
    if special_order.buyer_id == user.pk:
        return "buyer"
    return None


def special_order_paid_line(special_order: SpecialOrder):
    """The order line that paid for the commissioned work, or None."""
    from storefront.order import statuses

    if special_order.artwork_id is None:
        return None
    return (
        Line.objects.filter(product_id=special_order.artwork_id, order__status__in=statuses.SOLD)
        .select_related("order").order_by("pk").first()
    )


# --- Commission capacity and the waitlist ------------------------------------------------------

# Special orders that take one of the artist's slots: from the request until the work is delivered.
SLOT_STATUSES = ("requested", "quoted", "accepted", "paid", "in_progress")


@dataclass(frozen=True)
class CommissionAvailability:
    slots: int | None     # None: no limit
    used: int             # active special orders + open invitations
    waiting: int          # buyers in line

    @property
    def is_full(self) -> bool:
        return self.slots is not None and self.used >= self.slots

    @property
    def free(self) -> int | None:
        return None if self.slots is None else max(self.slots - self.used, 0)


def commission_availability(*, artist) -> CommissionAvailability:
    """How many of the artist's commission slots are taken (invitations hold theirs) and how many wait."""
    from commissions.models import WaitlistEntry, WaitlistStatus

    now = timezone.now()
    active = SpecialOrder.objects.filter(artist=artist, status__in=SLOT_STATUSES).count()
    line = WaitlistEntry.objects.filter(artist=artist).aggregate(
        invited=Count("pk", filter=Q(status=WaitlistStatus.INVITED, invite_expires_at__gt=now)),
        waiting=Count("pk", filter=Q(status=WaitlistStatus.WAITING)))
    return CommissionAvailability(slots=artist.commission_slots, used=active + line["invited"],
                                  waiting=line["waiting"])


def waitlist_entry_open(*, artist, buyer):
    """The buyer's entry on the artist's waitlist still in line or invited (a lapsed invitation is not), or None."""
    from commissions.models import WAITLIST_OPEN, WaitlistEntry, WaitlistStatus

    if not getattr(buyer, "is_authenticated", False):
        return None
    entry = WaitlistEntry.objects.filter(artist=artist, buyer=buyer, status__in=WAITLIST_OPEN).first()
    if entry and entry.status == WaitlistStatus.INVITED and entry.invite_expires_at <= timezone.now():
        return None
    return entry


def waitlist_position(*, entry) -> int | None:
    """1 for the first buyer in line; None once invited or closed."""
    from commissions.models import WaitlistEntry, WaitlistStatus

    if entry is None or entry.status != WaitlistStatus.WAITING:
        return None
    return WaitlistEntry.objects.filter(artist_id=entry.artist_id, status=WaitlistStatus.WAITING).filter(
        Q(created_at__lt=entry.created_at) | Q(created_at=entry.created_at, pk__lt=entry.pk)).count() + 1


def waitlist_for_artist(*, artist) -> QuerySet:
    """The artist's line: invited first, then waiting in order, then the closed entries newest first."""
    from commissions.models import WaitlistEntry

    return WaitlistEntry.objects.filter(artist=artist).select_related("buyer").order_by(
        Case(When(status="invited", then=0), When(status="waiting", then=1), default=2), "created_at", "pk")
