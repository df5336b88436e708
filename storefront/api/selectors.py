"""Reads the API composes: an artist's orders."""
from django.db.models import Prefetch, QuerySet
from oscar.core.loading import get_model

from storefront.order.selectors import order_lines_for_artist

Order = get_model("order", "Order")


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
