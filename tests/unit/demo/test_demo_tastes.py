"""Planned past orders (no database): they respect stock, dates and the buyers' tastes."""
from collections import Counter
from datetime import timedelta

from demo.plan import HISTORY_DAYS, artist_specs, artwork_specs, buyer_specs
from demo.tastes import StockItem, order_plans, originals_for_sale_mark
from storefront.order import statuses
from tests.factories.demo import ANCHOR


def _items(artworks) -> list[StockItem]:
    return [
        StockItem(product_id=a.index + 1, stockrecord_id=a.index + 1, partner_id=a.artist_index + 1,
                  partner_name=f"Artist {a.artist_index}", partner_sku=f"ART-{a.index + 1}", title=a.title, upc=a.upc,
                  artist_index=a.artist_index, vibe=a.vibe, price=a.price, is_original=a.kind == "original",
                  listed_at=a.listed_at, available=a.stock)
        for a in artworks
    ]


def _history(seed=7, orders=400, artworks=300):
    artists = artist_specs(seed=seed, count=10, anchor=ANCHOR)
    catalogue = artwork_specs(seed=seed, count=artworks, artists=artists, anchor=ANCHOR)
    buyers = buyer_specs(seed=seed, count=40, artists=artists, anchor=ANCHOR)
    items = _items(catalogue)
    originals_for_sale_mark(seed=seed, items=items)
    plans = order_plans(seed=seed, indices=range(orders), buyers=buyers, items=items, anchor=ANCHOR,
                        lines_per_order=2.0)
    return catalogue, buyers, items, plans


def test_the_same_seed_plans_the_same_orders():
    first, second = _history()[3], _history()[3]
    assert [(p.number, p.buyer_index, p.placed_at, p.status, [(line.item.upc, line.quantity) for line in p.lines])
            for p in first] == \
           [(p.number, p.buyer_index, p.placed_at, p.status, [(line.item.upc, line.quantity) for line in p.lines])
            for p in second]


def test_no_work_is_sold_beyond_its_stock():
    catalogue, _, items, plans = _history(orders=1500, artworks=120)
    sold = Counter()
    for plan in plans:
        if plan.takes_stock:
            for line in plan.lines:
                sold[line.item.upc] += line.quantity
    for artwork, item in zip(catalogue, items):
        assert sold[artwork.upc] <= artwork.stock
        assert item.available == artwork.stock - sold[artwork.upc]
    assert any(item.is_original and item.available == 0 for item in items)


def test_only_some_originals_are_sold_so_the_shop_keeps_stock():
    _, _, items, _ = _history(orders=3000, artworks=200)
    originals = [item for item in items if item.is_original]
    assert 0 < sum(item.available == 0 for item in originals) < 0.5 * len(originals)


def test_orders_span_eighteen_months_and_follow_listing_dates():
    _, _, _, plans = _history()
    ages = [(ANCHOR - plan.placed_at).days for plan in plans]
    assert max(ages) <= HISTORY_DAYS and min(ages) >= 0 and max(ages) > HISTORY_DAYS / 2
    assert all(line.item.listed_at < plan.placed_at for plan in plans for line in plan.lines)
    recent = [plan for plan in plans if ANCHOR - plan.placed_at < timedelta(days=4)]
    assert all(plan.status in (statuses.PAID, statuses.CANCELLED) for plan in recent)


def test_orders_average_about_the_lines_asked_for():
    _, _, _, plans = _history()
    assert len(plans) == 400
    assert 1.7 <= sum(len(plan.lines) for plan in plans) / len(plans) <= 2.3


def test_buyers_mostly_buy_what_they_like():
    """The pattern a recommender learns: far more taste matches than random buying would give."""
    catalogue, buyers, _, plans = _history()
    matched = total = 0
    for plan in plans:
        buyer = buyers[plan.buyer_index]
        for line in plan.lines:
            total += 1
            matched += line.item.artist_index in buyer.artists or line.item.vibe in buyer.vibes
    baseline = sum(
        sum(a.artist_index in b.artists or a.vibe in b.vibes for a in catalogue) / len(catalogue) for b in buyers
    ) / len(buyers)
    assert matched / total > baseline + 0.3


def test_the_buyer_login_has_a_history():
    _, _, _, plans = _history()
    assert sum(plan.buyer_index == 0 for plan in plans) >= 3
