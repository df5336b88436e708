"""The demo's browsing around its orders: product views and wishlist adds, as a real shop has them.

Real buyers look far more than they buy, and not only at what they end up buying: the
recommender must learn from that noise, not from a copy of its own parts. So, per buyer
and deterministically (one random stream each):

- before each work they ordered, 1-3 views of it in the two weeks before the order;
- loose browsing sessions, about SESSIONS_PER_ORDER per order, each of a few views:
  partly their taste (a vibe they like: 35 %), partly what was trending then (works
  ordered by anyone in the month before: 25 %), partly anything at all (40 %: gifts,
  curiosity, one-offs);
- a wishlist add for about WISHLIST_SHARE of the loose views (dated when added).

About 9 views and 0.4 wishlist adds per order line. Written once per seed (skipped when
the demo buyers already have views), in a few bulk inserts.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from oscar.core.loading import get_model

from demo.plan import BuyerSpec, demo_key_prefix
from demo.rng import rng_for
from recommend.models import WishlistLineAdded

Line = get_model("order", "Line")
Product = get_model("catalogue", "Product")
UserProductView = get_model("analytics", "UserProductView")
WishList = get_model("wishlists", "WishList")
WishListLine = get_model("wishlists", "Line")

SESSIONS_PER_ORDER = 3
VIEWS_PER_SESSION = (2, 6)
TASTE_SHARE, TREND_SHARE = 0.35, 0.25  # the rest is random browsing
WISHLIST_SHARE = 0.04
TREND_DAYS = 30
BATCH = 2000


@dataclass(frozen=True)
class BrowsingWritten:
    views: int
    wishlist_adds: int


@contextmanager
def _dates_as_given(model) -> Iterator[None]:
    """Let bulk_create keep our past dates: `date_created` is auto_now_add (set on insert)."""
    field = model._meta.get_field("date_created")
    original = field.auto_now_add
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = original


def browsing_create(*, seed: int, buyers: list[BuyerSpec], buyer_ids: dict[int, int]) -> BrowsingWritten:
    """Views and wishlist adds of the demo buyers around their orders (none if they have views already)."""
    user_ids = [buyer_ids[b.index] for b in buyers if b.index in buyer_ids]
    if not user_ids or UserProductView.objects.filter(user_id__in=user_ids[:1]).exists():
        return BrowsingWritten(views=0, wishlist_adds=0)
    prefix = demo_key_prefix(seed)
    works = list(Product.objects.filter(upc__startswith=prefix).order_by("upc")
                 .values_list("pk", "vibe__slug", "date_created"))
    if not works:
        return BrowsingWritten(views=0, wishlist_adds=0)
    by_vibe: dict[str, list[int]] = {}
    for pk, vibe, _ in works:
        by_vibe.setdefault(vibe, []).append(pk)
    listed = {pk: listed_at for pk, _, listed_at in works}
    lines = list(Line.objects.filter(order__number__startswith=prefix).order_by("order__number", "pk")
                 .values_list("order__user_id", "product_id", "order__date_placed"))
    trend = sorted((placed, product_id) for _, product_id, placed in lines)
    trend_times = [placed for placed, _ in trend]
    by_user: dict[int, list[tuple[int, datetime]]] = {}
    for user_id, product_id, placed in lines:
        by_user.setdefault(user_id, []).append((product_id, placed))

    views: list[tuple[int, int, datetime]] = []
    adds: list[tuple[int, int, datetime]] = []
    for buyer in buyers:
        user_id = buyer_ids.get(buyer.index)
        if user_id is None:
            continue
        rng = rng_for(seed, "browse", buyer.index)
        bought = by_user.get(user_id, [])
        for product_id, placed in bought:
            for _ in range(rng.randint(1, 3)):
                views.append((user_id, product_id, placed - timedelta(hours=rng.uniform(0.2, 14 * 24))))
        orders = {placed for _, placed in bought}
        for placed in sorted(orders):
            for _ in range(SESSIONS_PER_ORDER):
                when = placed - timedelta(days=rng.uniform(0, 60))
                for _ in range(rng.randint(*VIEWS_PER_SESSION)):
                    roll = rng.random()
                    if roll < TASTE_SHARE and buyer.vibes:
                        pk = rng.choice(by_vibe.get(rng.choice(buyer.vibes), [works[0][0]]))
                    elif roll < TASTE_SHARE + TREND_SHARE:
                        start = bisect.bisect_left(trend_times, when - timedelta(days=TREND_DAYS))
                        stop = bisect.bisect_left(trend_times, when)
                        pk = trend[rng.randrange(start, stop)][1] if stop > start else rng.choice(works)[0]
                    else:
                        pk = rng.choice(works)[0]
                    if listed[pk] >= when:
                        continue  # not listed yet: nobody could have seen it
                    views.append((user_id, pk, when))
                    if rng.random() < WISHLIST_SHARE:
                        adds.append((user_id, pk, when))
                    when += timedelta(minutes=rng.uniform(0.5, 8))
    with transaction.atomic():
        with _dates_as_given(UserProductView):
            UserProductView.objects.bulk_create(
                [UserProductView(user_id=u, product_id=p, date_created=d) for u, p, d in views], batch_size=BATCH)
        written = _wishlists_write(seed, adds)
    return BrowsingWritten(views=len(views), wishlist_adds=written)


def _wishlists_write(seed: int, adds: list[tuple[int, int, datetime]]) -> int:
    """One "Saved" wishlist per buyer, a line per work (the first add counts), each dated."""
    first: dict[tuple[int, int], datetime] = {}
    for user_id, pk, when in adds:
        if (user_id, pk) not in first or when < first[(user_id, pk)]:
            first[(user_id, pk)] = when
    if not first:
        return 0
    owners = sorted({user_id for user_id, _ in first})
    existing = dict(WishList.objects.filter(owner_id__in=owners).values_list("owner_id", "pk"))
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    created = WishList.objects.bulk_create([
        # bulk_create skips save(), which would draw the unique sharing key.
        WishList(owner_id=o, name="Saved", key="".join(rng_for(seed, "wishlist", o).choices(alphabet, k=6)))
        for o in owners if o not in existing
    ])
    for wishlist in created:
        existing[wishlist.owner_id] = wishlist.pk
    titles = dict(Product.objects.filter(pk__in={pk for _, pk in first}).values_list("pk", "title"))
    keys = sorted(first)
    lines = WishListLine.objects.bulk_create(
        [WishListLine(wishlist_id=existing[o], product_id=pk, title=titles.get(pk, "")) for o, pk in keys],
        batch_size=BATCH,
    )
    if any(line.pk is None for line in lines):  # backends that return no ids on bulk insert
        ids = dict(((wishlist_id, product_id), pk) for pk, wishlist_id, product_id in WishListLine.objects.filter(
            wishlist_id__in=existing.values()).values_list("pk", "wishlist_id", "product_id"))
        for line in lines:
            line.pk = ids[(line.wishlist_id, line.product_id)]
    WishlistLineAdded.objects.bulk_create(
        [WishlistLineAdded(line_id=line.pk, date_added=first[key]) for line, key in zip(lines, keys)],
        batch_size=BATCH,
    )
    return len(lines)
