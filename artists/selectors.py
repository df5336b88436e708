"""Reads about artists: the directory, applications to become one, an artist's own art and orders, special orders."""
from __future__ import annotations

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from oscar.core.loading import get_model

from artists.models import (
    Artist,
    ArtistApplication,
    ArtistPage,
    SpecialOrder,
    SpecialOrderEvent,
    SpecialOrderStatus,
)
from storefront.order import statuses

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Line = get_model("order", "Line")


def artist_list() -> QuerySet:
    """Artists with their page and signature vibe, and how many works they have for sale."""
    return (
        Artist.objects.select_related("vibe", "page", "page__portrait")
        .annotate(
            artwork_count=Count(
                "artworks",
                filter=Q(artworks__is_public=True, artworks__stockrecords__num_in_stock__gt=0),
                distinct=True,
            )
        )
        .order_by("name")
    )


def artist_get(*, pk: int | None = None, slug: str | None = None) -> Artist | None:
    queryset = artist_list()
    if pk is not None:
        return queryset.filter(pk=pk).first()
    return queryset.filter(slug=slug).first()


def artist_for_user(*, user) -> Artist | None:
    """The artist account of a signed-in user (with its showcase page), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Artist.objects.select_related("page", "page__portrait", "vibe").filter(user=user).first()


def artist_page_edit_url(*, artist) -> str | None:
    """Where the studio links an artist to edit their showcase page in the CMS (None: no page)."""
    page_id = ArtistPage.objects.filter(artist=artist).values_list("pk", flat=True).first()
    return reverse("wagtailadmin_pages:edit", args=[page_id]) if page_id else None


def artist_application_latest(*, user) -> ArtistApplication | None:
    """The user's most recent application to sell on Artiqo (pending, approved or declined), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return ArtistApplication.objects.filter(user=user).select_related("vibe").first()


# The studio: an artist's own works (withdrawn ones too; commissioned one-offs live with
# their special order), and the orders of their art.

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


# Special orders: each side sees only the ones they take part in.

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
