"""The demo's browsing around its orders: product views, cart adds and wishlist adds, as a real shop has them.

Real buyers look far more than they buy, and not only at what they end up buying: the
recommender must learn from that noise, not from a copy of its own parts. So, per buyer
and deterministically (one random stream each):

- before each work they ordered, 1-3 views of it in the two weeks before the order;
- loose browsing sessions, about SESSIONS_PER_ORDER per order, each of a few views:
  partly their taste (a vibe they like: 35 %), partly what was trending then (works
  ordered by anyone in the month before: 25 %), partly anything at all (40 %: gifts,
  curiosity, one-offs);
- a wishlist add for about WISHLIST_SHARE of the loose views (dated when added);
- a cart add for each work ordered, minutes before the order (the submitted cart the
  order came from); and RETURN_SHARE of the buyers browse again after their last order
  and leave CART_SHARE of what they look at in their open cart (Oscar keeps a cart's lines
  until it is ordered, and a removed line leaves no trace; never the demo login's cart,
  which starts empty).

About 9 views, 1.1 cart adds and 0.2 wishlist adds per order line. Written once per seed
(skipped when the demo buyers already have views), in a few bulk inserts.
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

Basket = get_model("basket", "Basket")
BasketLine = get_model("basket", "Line")
Line = get_model("order", "Line")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
UserProductView = get_model("analytics", "UserProductView")
WishList = get_model("wishlists", "WishList")
WishListLine = get_model("wishlists", "Line")

SESSIONS_PER_ORDER = 3
VIEWS_PER_SESSION = (2, 6)
TASTE_SHARE, TREND_SHARE = 0.35, 0.25  # the rest is random browsing
WISHLIST_SHARE = 0.04
RETURN_SHARE, CART_SHARE = 0.5, 0.35  # buyers back after their last order; their views carted
TREND_DAYS = 30
BATCH = 2000


@dataclass(frozen=True)
class BrowsingWritten:
    views: int
    wishlist_adds: int
    cart_adds: int = 0


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


def browsing_create(*, seed: int, buyers: list[BuyerSpec], buyer_ids: dict[int, int],
                    anchor: datetime) -> BrowsingWritten:
    """Views, cart and wishlist adds of the demo buyers around their orders, up to the demo's
    `anchor` (its today); none if they have views already."""
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
    left_in_cart: list[tuple[int, int, datetime]] = []

    def pick(rng, vibes: tuple[str, ...], when: datetime) -> int:
        roll = rng.random()
        if roll < TASTE_SHARE and vibes:
            return rng.choice(by_vibe.get(rng.choice(vibes), [works[0][0]]))
        if roll < TASTE_SHARE + TREND_SHARE:
            start = bisect.bisect_left(trend_times, when - timedelta(days=TREND_DAYS))
            stop = bisect.bisect_left(trend_times, when)
            return trend[rng.randrange(start, stop)][1] if stop > start else rng.choice(works)[0]
        return rng.choice(works)[0]

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
                    pk = pick(rng, buyer.vibes, when)
                    if listed[pk] >= when:
                        continue  # not listed yet: nobody could have seen it
                    views.append((user_id, pk, when))
                    if rng.random() < WISHLIST_SHARE:
                        adds.append((user_id, pk, when))
                    when += timedelta(minutes=rng.uniform(0.5, 8))
        # Some come back after their last order and leave works in the cart (their own
        # random stream, so the views and wishlist adds above stay what they were).
        cart_rng = rng_for(seed, "cart", buyer.index)
        if orders and buyer.index != 0 and cart_rng.random() < RETURN_SHARE:
            when = max(orders) + (anchor - max(orders)) * cart_rng.random()
            for _ in range(cart_rng.randint(*VIEWS_PER_SESSION)):
                pk = pick(cart_rng, buyer.vibes, when)
                if listed[pk] < when < anchor:
                    views.append((user_id, pk, when))
                    if cart_rng.random() < CART_SHARE:
                        left_in_cart.append((user_id, pk, when))
                when += timedelta(minutes=cart_rng.uniform(0.5, 8))
    with transaction.atomic():
        with _dates_as_given(UserProductView):
            UserProductView.objects.bulk_create(
                [UserProductView(user_id=u, product_id=p, date_created=d) for u, p, d in views], batch_size=BATCH)
        written = _wishlists_write(seed, adds)
        carted = _carts_write(lines, left_in_cart)
    return BrowsingWritten(views=len(views), wishlist_adds=written, cart_adds=carted)


def _carts_write(ordered: list[tuple[int, int, datetime]], left: list[tuple[int, int, datetime]]) -> int:
    """A submitted cart per order, its works added minutes before it; an open cart of what each buyer left."""
    carts: dict[tuple[int, datetime, str], list[tuple[int, datetime]]] = {}
    for user_id, product_id, placed in ordered:
        carts.setdefault((user_id, placed, Basket.SUBMITTED), []).append((product_id, placed - timedelta(minutes=12)))
    last_open: dict[int, datetime] = {}
    for user_id, _, when in left:
        last_open[user_id] = max(when, last_open.get(user_id, when))
    for user_id, product_id, when in left:
        carts.setdefault((user_id, last_open[user_id], Basket.OPEN), []).append((product_id, when))
    if not carts:
        return 0
    stock = dict(StockRecord.objects.filter(product_id__in={p for lines in carts.values() for p, _ in lines})
                 .order_by("product_id", "pk").values_list("product_id", "pk").distinct())
    prices = dict(StockRecord.objects.filter(pk__in=stock.values()).values_list("pk", "price"))
    keys = sorted(carts)
    with _dates_as_given(Basket):
        baskets = Basket.objects.bulk_create([
            Basket(owner_id=user_id, status=status, date_created=min(d for _, d in carts[key]),
                   date_submitted=when if status == Basket.SUBMITTED else None)
            for key in keys for user_id, when, status in [key]
        ])
    if any(basket.pk is None for basket in baskets):  # backends that return no ids on bulk insert
        ids = {(b.owner_id, b.date_created, b.status): b.pk for b in Basket.objects.filter(
            owner_id__in={k[0] for k in keys}).only("pk", "owner_id", "date_created", "status")}
        for basket in baskets:
            basket.pk = ids[(basket.owner_id, basket.date_created, basket.status)]
    rows = []
    for basket, key in zip(baskets, keys):
        seen: set[int] = set()
        for product_id, added in carts[key]:
            if product_id in seen or product_id not in stock:
                continue
            seen.add(product_id)
            price = prices[stock[product_id]]
            rows.append(BasketLine(basket_id=basket.pk, line_reference=f"{product_id}_{stock[product_id]}",
                                   product_id=product_id, stockrecord_id=stock[product_id], quantity=1,
                                   price_excl_tax=price, price_incl_tax=price, date_created=added))
    with _dates_as_given(BasketLine):
        BasketLine.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


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
