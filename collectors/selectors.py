"""Reads of favourites and follows: a buyer's lists (as cards), their ids for the page, follower counts."""
from __future__ import annotations

from django.db.models import CharField, F, QuerySet, Value

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


def followed_artist_list(*, user) -> QuerySet:
    """The artists the buyer follows, as artist cards, the latest followed first (`followed_at`)."""
    return (
        artist_list()
        .filter(followers__user=user)
        .annotate(followed_at=F("followers__date_created"))
        .order_by("-followed_at", "-pk")
    )


def collector_ids(*, user) -> tuple[list[int], list[int]]:
    """(favourite work ids, followed artist ids) of the buyer in ONE query: every signed-in page reads them."""
    if not getattr(user, "is_authenticated", False):
        return [], []
    kind = Value("f", output_field=CharField())
    hearts = Favourite.objects.filter(user=user).order_by().values_list(kind, "product_id")
    follows = Follow.objects.filter(user=user).order_by().values_list(Value("a", output_field=CharField()), "artist_id")
    favourites, artists = [], []
    for which, pk in hearts.union(follows, all=True):
        (favourites if which == "f" else artists).append(pk)
    return favourites, artists


def follower_count(*, artist) -> int:
    """How many buyers follow the artist (shown to them in the studio)."""
    return Follow.objects.filter(artist=artist).count()
