"""Reads of special orders: each side (buyer, artist) sees only the ones they take part in."""
from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
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
