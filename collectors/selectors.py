"""Reads of favourites and follows: a buyer's lists (as cards), their ids for the page, follower counts."""
from __future__ import annotations

from django.db.models import F, QuerySet

from artists.selectors import artist_list
from collectors.models import Favourite, Follow
from storefront.catalogue.selectors import artwork_queryset


def favourite_artwork_list(*, user) -> QuerySet:
    """The buyer's favourite works as artwork cards, the latest hearted first (`favourited_at`).

    One query whatever the length (the pair is unique, so the join adds no rows); works
    taken off the shop are left out.
    """
    return (
        artwork_queryset()
        .filter(favourites__user=user)
        .annotate(favourited_at=F("favourites__date_created"))
        .order_by("-favourited_at", "-pk")
    )


def favourite_ids(*, user) -> list[int]:
    """Ids of the works the buyer hearted (for the hearts of a page, filled by the browser)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Favourite.objects.filter(user=user).values_list("product_id", flat=True))


def followed_artist_list(*, user) -> QuerySet:
    """The artists the buyer follows, as artist cards, the latest followed first (`followed_at`)."""
    return (
        artist_list()
        .filter(followers__user=user)
        .annotate(followed_at=F("followers__date_created"))
        .order_by("-followed_at", "-pk")
    )


def followed_artist_ids(*, user) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Follow.objects.filter(user=user).values_list("artist_id", flat=True))


def follower_count(*, artist) -> int:
    """How many buyers follow the artist (shown to them in the studio)."""
    return Follow.objects.filter(artist=artist).count()
