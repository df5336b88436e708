"""Reads of orders: a buyer's orders and, for an artist, the orders and order lines of their works."""
from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from oscar.core.loading import get_model

from storefront.order import statuses

Order = get_model("order", "Order")
Line = get_model("order", "Line")


def _buyer_orders(*, user) -> QuerySet:
    return (
        Order.objects.filter(user=user)
        .select_related("shipping_address", "shipping_address__country")
        .prefetch_related(Prefetch("lines", queryset=Line.objects.select_related("product").order_by("pk")))
        .order_by("-date_placed", "-pk")
    )


def order_list_for_buyer(*, user) -> QuerySet:
    """The user's orders, newest first, with their lines and shipping address (constant queries)."""
    return _buyer_orders(user=user)


def order_get_for_buyer(*, user, number: str):
    """The user's order with this number (lines, address, payments and their history), or None."""
    # Through the relation names (the payments' default order: by attempt, history oldest
    # first): orders sit below payments and never import them.
    return _buyer_orders(user=user).prefetch_related("payments__history").filter(number=str(number)).first()


def order_lines_for_artist(*, artist, include_unpaid: bool = False) -> QuerySet:
    """Order lines of the artist's works only (never other artists' lines of the same order).

    Each line comes with its order, buyer and shipping address in the same query. Unpaid
    orders (still holding, or lapsed) are left out unless `include_unpaid`.
    """
    lines = Line.objects.filter(partner_id=artist.partner_id)
    if not include_unpaid:
        lines = lines.exclude(order__status__in=(statuses.PENDING_PAYMENT, statuses.EXPIRED, statuses.CANCELLED))
    return lines.select_related(
        "order", "order__user", "order__shipping_address", "order__shipping_address__country", "product"
    ).order_by("-order__date_placed", "-pk")


def order_list_for_artist(*, artist) -> QuerySet:
    """Orders holding the artist's works, newest first, each with only the artist's lines.

    Built on `order_lines_for_artist` (which orders count, which lines are theirs) so the
    API and the studio agree; three queries whatever the page size.
    """
    lines = order_lines_for_artist(artist=artist)
    return (
        Order.objects.filter(pk__in=lines.values("order_id"))
        .select_related("user", "shipping_address", "shipping_address__country")
        .prefetch_related(Prefetch("lines", queryset=lines, to_attr="artist_lines"))
        .order_by("-date_placed", "-pk")
    )
