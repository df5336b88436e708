"""Reads for CMS pages: artworks picked by hand or by rule, in a constant number of queries."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet

RULE_ORDERINGS = [("newest", "Newest first"), ("price_asc", "Cheapest first"), ("price_desc", "Dearest first")]


def artworks_available(artworks) -> list:
    """The chosen works still for sale, in the editor's order (sold or withdrawn ones drop out)."""
    return [artwork for artwork in artworks if artwork is not None and artwork.is_public and artwork.is_available]


def artworks_by_rule(*, vibe: str | None = None, medium: str | None = None, max_price: Decimal | None = None,
                     ordering: str = "newest", limit: int = 12) -> QuerySet:
    """Works for sale matching an editor's rule (e.g. dreamy, under 300), featured ones first."""
    from storefront.catalogue.selectors import artwork_list

    return artwork_list(vibe=vibe or None, medium=medium or None, max_price=max_price, available=True,
                        ordering=ordering, featured_first=True)[:limit]


def artworks_in_bulk(ids: list) -> dict:
    """Artworks by id with their card data (price, stock, images): one query plus one for images."""
    from storefront.catalogue.selectors import artwork_queryset

    return artwork_queryset(public_only=False).in_bulk([pk for pk in ids if pk is not None])


def artists_in_bulk(ids: list) -> dict:
    """Artists by id with their page, vibe and count of works for sale, in one query."""
    from artists.selectors import artist_list

    return artist_list().in_bulk([pk for pk in ids if pk is not None])
