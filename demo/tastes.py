"""Past orders that follow buyers' tastes: who bought what, when, and what it did to the stock.

A buyer mostly buys from the artists they follow and in the vibes they like, within
their budget, so the history carries a pattern a recommender can learn. Stock is
respected: an original is sold at most once, an edition at most its size.
"""
from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import accumulate

from demo.plan import HISTORY_DAYS, BuyerSpec, demo_key_prefix
from demo.rng import rng_for
from storefront.order import statuses

# Share of originals that find a buyer in the history; the rest stay for sale, so the
# shop still has plenty to browse however many orders are asked for.
ORIGINALS_SOLD_SHARE = 0.35
CANCELLED_SHARE = 0.03
PAID_DAYS = 4  # orders younger than this are paid but not yet shipped
SHIPPED_DAYS = 14  # ... younger than this are on their way; older ones are complete
MAX_LINES = 6
PICK_ATTEMPTS = 12
DATE_ATTEMPTS = 3
FALLBACK_SCAN = 500  # bounded, so a sold-out shop cannot make planning quadratic


@dataclass
class StockItem:
    """A demo artwork as the order planner sees it; `available` goes down as orders take it."""

    product_id: int
    stockrecord_id: int
    partner_id: int
    partner_name: str
    partner_sku: str
    title: str
    upc: str
    artist_index: int
    vibe: str
    price: Decimal
    is_original: bool
    listed_at: datetime
    available: int
    for_sale: bool = True


@dataclass(frozen=True)
class LinePlan:
    item: StockItem
    quantity: int

    @property
    def total(self) -> Decimal:
        return self.item.price * self.quantity


@dataclass(frozen=True)
class OrderPlan:
    index: int
    number: str
    buyer_index: int
    placed_at: datetime
    status: str
    collect: bool  # collected at the studio: no shipping address, no charge
    lines: tuple[LinePlan, ...] = field(default=())

    @property
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00"))

    @property
    def artist_count(self) -> int:
        return len({line.item.artist_index for line in self.lines})

    @property
    def takes_stock(self) -> bool:
        return self.status != statuses.CANCELLED


def order_number(seed: int, index: int) -> str:
    return f"{demo_key_prefix(seed)}{index:07d}"


def originals_for_sale_mark(*, seed: int, items: list[StockItem]) -> None:
    """Decide, per original and by seed, whether the history may sell it."""
    for item in items:
        item.for_sale = not item.is_original or rng_for(seed, "sellable", item.upc).random() < ORIGINALS_SOLD_SHARE


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: fine for the small means of extra lines per order.
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


class _Shelves:
    """The artworks grouped the ways buyers look for them: by artist, by vibe, all."""

    def __init__(self, items: list[StockItem]):
        self.all = items
        self.by_artist: dict[int, list[StockItem]] = {}
        self.by_vibe: dict[str, list[StockItem]] = {}
        for item in items:
            self.by_artist.setdefault(item.artist_index, []).append(item)
            self.by_vibe.setdefault(item.vibe, []).append(item)

    def browse(self, rng: random.Random, buyer: BuyerSpec) -> list[StockItem]:
        roll = rng.random()
        if roll < 0.5 and buyer.artists:
            return self.by_artist.get(rng.choice(buyer.artists), self.all)
        if roll < 0.85 and buyer.vibes:
            return self.by_vibe.get(buyer.vibes[0] if rng.random() < 0.6 else rng.choice(buyer.vibes), self.all)
        return self.all


def _sellable(item: StockItem, placed_at: datetime, taken: set[int]) -> bool:
    return item.available > 0 and item.for_sale and item.listed_at < placed_at and item.product_id not in taken


def _pick(rng: random.Random, shelves: _Shelves, buyer: BuyerSpec, placed_at: datetime,
          taken: set[int]) -> StockItem | None:
    for _ in range(PICK_ATTEMPTS):
        shelf = shelves.browse(rng, buyer)
        if not shelf:
            continue
        item = rng.choice(shelf)
        affordable = item.price <= buyer.budget * Decimal("1.5") or rng.random() < 0.1
        if affordable and _sellable(item, placed_at, taken):
            return item
    # Nothing to their taste is left: like a real shopper, take something else that is.
    start = rng.randrange(len(shelves.all))
    for offset in range(min(FALLBACK_SCAN, len(shelves.all))):
        item = shelves.all[(start + offset) % len(shelves.all)]
        if _sellable(item, placed_at, taken):
            return item
    return None


def _lines_pick(rng: random.Random, shelves: _Shelves, buyer: BuyerSpec, placed_at: datetime,
                lines_per_order: float) -> list[LinePlan]:
    wanted = min(MAX_LINES, 1 + _poisson(rng, max(0.0, lines_per_order - 1)))
    lines, taken = [], set()
    for _ in range(wanted):
        item = _pick(rng, shelves, buyer, placed_at, taken)
        if item is not None:
            quantity = 2 if not item.is_original and item.available >= 2 and rng.random() < 0.1 else 1
            taken.add(item.product_id)
            lines.append(LinePlan(item=item, quantity=quantity))
    return lines


def _status(rng: random.Random, days_ago: float) -> str:
    if rng.random() < CANCELLED_SHARE:
        return statuses.CANCELLED
    if days_ago < PAID_DAYS:
        return statuses.PAID
    return statuses.SHIPPED if days_ago < SHIPPED_DAYS else statuses.COMPLETE


def order_plans(*, seed: int, indices: Iterable[int], buyers: list[BuyerSpec], items: list[StockItem],
                anchor: datetime, lines_per_order: float) -> list[OrderPlan]:
    """Plan orders `indices` in turn, taking stock from `items` as they go (orders with no line are dropped)."""
    if not buyers or not items:
        return []
    shelves = _Shelves(items)
    # The `buyer` demo login is the keenest collector, so it always has a history to show.
    activity = [max(b.activity for b in buyers) if b.index == 0 else b.activity for b in buyers]
    cumulative = list(accumulate(activity))
    plans = []
    for index in indices:
        rng = rng_for(seed, "order", index)
        buyer = buyers[0] if index < 3 else rng.choices(buyers, cum_weights=cumulative, k=1)[0]
        for _ in range(DATE_ATTEMPTS):
            # Demand grew over time: the density of orders rises linearly towards today.
            days_ago = HISTORY_DAYS * (1 - math.sqrt(rng.random()))
            placed_at = anchor - timedelta(seconds=round(days_ago * 86_400) + 60)
            lines = _lines_pick(rng, shelves, buyer, placed_at, lines_per_order)
            if lines:  # else little was listed yet on that day: try another day
                break
        else:
            continue
        plan = OrderPlan(index=index, number=order_number(seed, index), buyer_index=buyer.index,
                         placed_at=placed_at, status=_status(rng, days_ago), collect=rng.random() < 0.1,
                         lines=tuple(lines))
        if plan.takes_stock:
            for line in lines:
                line.item.available -= line.quantity
        plans.append(plan)
    return plans
