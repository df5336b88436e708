"""Reads of featured listings: which works are featured now, for browse, search and the home page."""
from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from storefront.billing.models import FeaturedListing


def _live_features_of_outer_artwork(now: datetime | None = None) -> QuerySet:
    return FeaturedListing.objects.live(now=now).filter(artwork=OuterRef("pk"))


def artwork_featured_exists(*, now: datetime | None = None) -> Exists:
    """Per artwork (OuterRef "pk"): is it featured right now? For `annotate(is_featured=...)`."""
    return Exists(_live_features_of_outer_artwork(now))


def live_featured_artwork_ids(*, now: datetime | None = None) -> QuerySet:
    """Ids of the works featured right now, as a subquery (`filter(pk__in=...)`)."""
    return FeaturedListing.objects.live(now=now).values("artwork_id")


def artwork_featured_until():
    """Per artwork (OuterRef "pk"): when its current feature ends, or NULL (search boosting).

    Named by the SEARCH_FEATURED_UNTIL setting; the search index stores the value and
    boosts a work while that moment is in the future, so expiry needs no re-indexing.
    """
    ends = (
        _live_features_of_outer_artwork()
        .order_by()
        .values("artwork")
        .annotate(until=Max("ends_at"))
        .values("until")
    )
    return Subquery(ends[:1])


def featured_artwork_list(*, limit: int, now: datetime | None = None) -> QuerySet:
    """Featured works for sale now, in the editors' order: one query plus one for images.

    Sold works and ended features drop out by themselves (both are conditions of the query).
    """
    from storefront.catalogue.selectors import artwork_queryset

    now = now or timezone.now()
    first_live = _live_features_of_outer_artwork(now).order_by("position", "-starts_at", "pk")
    return (
        artwork_queryset()
        .filter(Exists(first_live), net_stock__gt=0)
        .annotate(
            feature_position=Subquery(first_live.values("position")[:1]),
            feature_label=Subquery(first_live.values("label")[:1]),
            feature_start=Subquery(first_live.values("starts_at")[:1]),
        )
        .order_by("feature_position", "-feature_start", "-pk")[:limit]
    )


def feature_list_for_artist(*, artist) -> QuerySet:
    """The features the artist bought, newest first, with their work."""
    return FeaturedListing.objects.filter(artist=artist).select_related("artwork").order_by("-date_created", "-pk")
