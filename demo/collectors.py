"""Favourites and follows for the demo: the demo buyer's hearts and artists, a few followers for the demo artist."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction

from collectors.models import Favourite, Follow
from demo.plan import demo_key_prefix
from storefront.catalogue.selectors import artwork_list

DEMO_FAVOURITES = 6
DEMO_FOLLOWED_ARTISTS = 3
DEMO_ARTIST_FOLLOWERS = 8


@transaction.atomic
def collections_ensure(*, seed: int, buyer_ids: dict[int, int], artists: dict, anchor: datetime) -> int:
    """Hearts and follows of `seed`'s buyers (the same for a seed); returns how many rows were added.

    The demo buyer (index 0) hearts a few works for sale and follows the demo artist (index 0)
    and two more; a few other buyers follow the demo artist, so the studio shows followers.
    Does nothing once any demo buyer has a favourite or a follow.
    """
    user_ids = sorted(buyer_ids.values())
    if not user_ids or 0 not in buyer_ids or not artists:
        return 0
    if Favourite.objects.filter(user_id__in=user_ids).exists() or Follow.objects.filter(user_id__in=user_ids).exists():
        return 0
    rng = random.Random(f"{seed}-collectors")
    now = anchor  # the demo's own "today": the same rows for a seed, whatever the clock
    available = list(artwork_list(available=True).filter(upc__startswith=demo_key_prefix(seed)).order_by("pk")
                     .values_list("pk", "price"))
    buyer = buyer_ids[0]
    favourites = [
        Favourite(user_id=buyer, product_id=pk, seen_price=price, seen_available=True,
                  date_created=now - timedelta(days=position * 2 + 1))
        for position, (pk, price) in enumerate(rng.sample(available, min(DEMO_FAVOURITES, len(available))))
    ]
    others = sorted(index for index in artists if index != 0)
    followed = [artists[0], *(artists[index] for index in rng.sample(others, min(DEMO_FOLLOWED_ARTISTS - 1,
                                                                                   len(others))))]
    follows = [Follow(user_id=buyer, artist=artist, date_created=now - timedelta(days=14)) for artist in followed]
    fans = sorted(index for index in buyer_ids if index != 0)[:DEMO_ARTIST_FOLLOWERS - 1]
    follows += [Follow(user_id=buyer_ids[index], artist=artists[0], date_created=now - timedelta(days=7))
                for index in fans]
    Favourite.objects.bulk_create(favourites)
    Follow.objects.bulk_create(follows)
    return len(favourites) + len(follows)
