"""Reads of the art catalogue: browse, filter and sort artworks with the ORM.

Every list is one SQL query for the rows plus one for their images, whatever the page
size: price and stock come from a join on the (single) stock record of each artwork,
never from a per-row lookup.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, Case, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
Vibe = get_model("catalogue", "Vibe")

ORDERINGS = {
    "newest": ("-date_created", "-id"),
    "oldest": ("date_created", "id"),
    "price": ("price", "id"),
    "-price": ("-price", "-id"),
    "price_asc": ("price", "id"),
    "price_desc": ("-price", "-id"),
    "title": ("title", "id"),
}


@dataclass(frozen=True)
class ArtworkFilters:
    """Browse filters as the pages and the API receive them (already validated)."""

    artist: str | None = None  # artist id or slug
    category: str | None = None  # category id or slug
    vibe: str | None = None  # vibe slug
    medium: str | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    available: bool | None = None
    ordering: str = "newest"
    featured_first: bool = False


def _with_price_and_stock(queryset: QuerySet) -> QuerySet:
    # Each artwork has exactly one stock record (its artist's partner), so the join does
    # not multiply rows; it lets one query filter and sort on price and availability.
    net_stock = Coalesce(F("stockrecords__num_in_stock"), 0) - Coalesce(F("stockrecords__num_allocated"), 0)
    return queryset.annotate(
        price=F("stockrecords__price"),
        price_currency=F("stockrecords__price_currency"),
        net_stock=Case(When(stockrecords__isnull=True, then=Value(0)), default=net_stock, output_field=IntegerField()),
    ).annotate(
        is_available=Case(When(net_stock__gt=0, then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def _with_featured(queryset: QuerySet) -> QuerySet:
    # `is_featured`: a live featured listing (billing) exists; an EXISTS in the same query.
    from storefront.billing.selectors import artwork_featured_exists

    return queryset.annotate(is_featured=artwork_featured_exists())


def artwork_queryset(*, public_only: bool = True) -> QuerySet:
    """Artworks with everything a card needs: artist, vibe, price, stock, featured, images."""
    queryset = Product.objects.filter(structure=Product.STANDALONE)
    if public_only:
        queryset = queryset.filter(is_public=True)
    return _with_featured(_with_price_and_stock(queryset)).select_related("artist", "vibe").prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "id"))
    )


def _id_or_slug(value: str) -> Q:
    return Q(pk=int(value)) if str(value).isdigit() else Q(slug=value)


def artwork_list(
    *,
    artist: str | int | None = None,
    artist_id: int | None = None,
    category: str | int | None = None,
    vibe: str | None = None,
    medium: str | None = None,
    min_price: Decimal | None = None,
    max_price: Decimal | None = None,
    available: bool | None = None,
    ordering: str = "newest",
    featured_first: bool = False,
) -> QuerySet:
    """Public artworks matching the filters, in the asked order (newest first by default).

    With `featured_first`, works featured right now come before the rest (each group in
    the asked order); cards show them labelled through the `is_featured` annotation.
    """
    queryset = artwork_queryset()
    if artist_id is not None:
        queryset = queryset.filter(artist_id=artist_id)
    if artist not in (None, ""):
        queryset = queryset.filter(artist__in=_artists_matching(str(artist)))
    if category not in (None, ""):
        queryset = queryset.filter(_in_category_subtree(str(category)))
    if vibe:
        queryset = queryset.filter(vibe__slug=vibe)
    if medium:
        queryset = queryset.filter(medium=medium)
    if min_price is not None:
        queryset = queryset.filter(price__gte=min_price)
    if max_price is not None:
        queryset = queryset.filter(price__lte=max_price)
    if available is True:
        queryset = queryset.filter(net_stock__gt=0)
    elif available is False:
        queryset = queryset.filter(net_stock__lte=0)
    order = ORDERINGS.get(ordering, ORDERINGS["newest"])
    if featured_first:
        order = (F("is_featured").desc(), *order)
    return queryset.order_by(*order)


def artwork_list_filtered(filters: ArtworkFilters) -> QuerySet:
    return artwork_list(
        artist=filters.artist,
        category=filters.category,
        vibe=filters.vibe,
        medium=filters.medium,
        min_price=filters.min_price,
        max_price=filters.max_price,
        available=filters.available,
        ordering=filters.ordering,
        featured_first=filters.featured_first,
    )


def _artists_matching(value: str):
    from artists.models import Artist

    return Artist.objects.filter(_id_or_slug(value)).values("pk")


def _in_category_subtree(value: str) -> Q:
    category = Category.objects.filter(_id_or_slug(value)).only("path", "depth").first()
    if category is None:
        return Q(pk__in=[])
    return Q(
        Exists(
            ProductCategory.objects.filter(product=OuterRef("pk"), category__path__startswith=category.path)
        )
    )


def artwork_get(*, pk: int, public_only: bool = True):
    """One artwork with its card data and tags and categories, or None."""
    return (
        artwork_queryset(public_only=public_only)
        .prefetch_related("tags", "categories")
        .filter(pk=pk)
        .first()
    )


def vibe_list() -> QuerySet:
    return Vibe.objects.all()
