"""Reads of the studio: an artist's own works (withdrawn ones too; commissioned one-offs live with their
special order), and the orders of their art."""
from __future__ import annotations

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from oscar.core.loading import get_model

from storefront.order import statuses

Line = get_model("order", "Line")


def studio_artwork_list(*, artist) -> QuerySet:
    """The artist's works, newest first, with price, stock, images, tags and categories (constant queries)."""
    from storefront.catalogue.selectors import ORDERINGS, artwork_queryset

    return (
        artwork_queryset(public_only=False)
        .filter(artist=artist, special_order__isnull=True)
        .prefetch_related("tags", "categories")
        .order_by(*ORDERINGS["newest"])
    )


def studio_artwork_get(*, artist, pk: int):
    """One of the artist's works, or None (also for another artist's work)."""
    return studio_artwork_list(artist=artist).filter(pk=pk).first()


def _to_ship(artist) -> Case:
    # Paid (or shipped by staff) and some of the artist's lines not marked shipped yet: what the
    # studio's ship form is offered for.
    unshipped = Line.objects.filter(order=OuterRef("pk"), partner_id=artist.partner_id).exclude(status=statuses.SHIPPED)
    return Case(When(Q(status__in=(statuses.PAID, statuses.SHIPPED)) & Exists(unshipped), then=Value(True)),
                default=Value(False), output_field=BooleanField())


def studio_order_list(*, artist, to_ship_first: bool = False) -> QuerySet:
    """Orders holding the artist's works, each with only their lines and those lines' shipping events.

    Newest first; with `to_ship_first`, the orders the artist still has to ship come before the
    rest. Each order's `to_ship` says which group it is in.
    """
    from storefront.order.selectors import order_list_for_artist

    orders = (order_list_for_artist(artist=artist).prefetch_related("artist_lines__shipping_events")
              .annotate(to_ship=_to_ship(artist)))
    return orders.order_by("-to_ship", "-date_placed", "-pk") if to_ship_first else orders


def studio_order_to_ship_count(*, artist) -> int:
    """How many orders of the artist's works wait for them to ship (one query)."""
    from storefront.order.selectors import order_lines_for_artist

    lines = order_lines_for_artist(artist=artist)
    return lines.filter(order__status__in=(statuses.PAID, statuses.SHIPPED)).exclude(
        status=statuses.SHIPPED).values("order_id").distinct().count()


def studio_order_get(*, artist, number: str):
    return studio_order_list(artist=artist).filter(number=str(number)).first()
