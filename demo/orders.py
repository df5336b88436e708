"""Writes the demo's past orders in bulk: real Oscar orders, lines and addresses, and their effect on stock.

Orders are inserted directly (not through checkout) with totals computed here in
Decimal. Stock moves as Oscar's would: shipped and completed orders have consumed
their works (fewer in stock), paid ones still hold them (allocated), cancelled ones
gave them back.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from artists.models import Artist
from demo.people import address_fill
from demo.plan import BuyerSpec, demo_key_prefix
from demo.tastes import OrderPlan, StockItem, order_number, order_plans, originals_for_sale_mark
from storefront.catalogue.models import ArtworkKind
from storefront.order import statuses
from storefront.shipping.methods import StandardDelivery, StudioCollection

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
StockRecord = get_model("partner", "StockRecord")

ORDER_CHUNK = 2000
IN_LIST_SIZE = 900  # keeps every IN (...) list within SQLite's bound on query parameters
CONSUMED = (statuses.SHIPPED, statuses.COMPLETE)


def stock_items_load(*, seed: int, artists: dict[int, Artist]) -> list[StockItem]:
    """The seed's demo artworks with what is left of their stock, in artwork order."""
    index_of = {artist.pk: index for index, artist in artists.items()}
    name_of = {artist.pk: artist.name for artist in artists.values()}
    rows = (
        StockRecord.objects.filter(product__upc__startswith=demo_key_prefix(seed))
        .order_by("product__upc")
        .values_list("pk", "product_id", "partner_id", "partner_sku", "price", "num_in_stock", "num_allocated",
                     "product__upc", "product__title", "product__artist_id", "product__vibe__slug",
                     "product__kind", "product__date_created")
    )
    return [
        StockItem(product_id=product_id, stockrecord_id=pk, partner_id=partner_id, partner_name=name_of[artist_id],
                  partner_sku=sku, title=title, upc=upc, artist_index=index_of[artist_id], vibe=vibe, price=price,
                  is_original=kind == ArtworkKind.ORIGINAL, listed_at=listed_at,
                  available=(in_stock or 0) - (allocated or 0))
        for pk, product_id, partner_id, sku, price, in_stock, allocated, upc, title, artist_id, vibe, kind, listed_at
        in rows if artist_id in index_of
    ]


@dataclass(frozen=True)
class OrdersWritten:
    orders: int
    lines: int


def _existing_numbers(seed: int) -> set[str]:
    return set(Order.objects.filter(number__startswith=demo_key_prefix(seed)).values_list("number", flat=True))


def orders_create(*, seed: int, count: int, buyers: list[BuyerSpec], buyer_ids: dict[int, int],
                  items: list[StockItem], anchor: datetime, lines_per_order: float, countries: dict,
                  progress: Callable[[int], None] = lambda done: None) -> OrdersWritten:
    """Plan and insert the orders 0..count-1 of this seed that are not there yet (by number)."""
    existing = _existing_numbers(seed)
    originals_for_sale_mark(seed=seed, items=items)
    # Planned from the stock as it is now, so a top-up never sells what is already gone.
    plans = order_plans(seed=seed, indices=[i for i in range(count) if order_number(seed, i) not in existing],
                        buyers=[buyer for buyer in buyers if buyer.index in buyer_ids], items=items,
                        anchor=anchor, lines_per_order=lines_per_order)
    by_index = {buyer.index: buyer for buyer in buyers}
    lines = 0
    for start in range(0, len(plans), ORDER_CHUNK):
        chunk = plans[start:start + ORDER_CHUNK]
        with transaction.atomic():
            lines += _orders_insert(chunk=chunk, buyers=by_index, buyer_ids=buyer_ids, countries=countries)
            _stock_apply(chunk)
        progress(start + len(chunk))
    return OrdersWritten(orders=len(plans), lines=lines)


def order_totals(plan: OrderPlan) -> tuple[Decimal, Decimal]:
    """(shipping, total) of a planned order: Artiqo charges standard delivery per artist, no tax."""
    shipping = Decimal("0.00") if plan.collect else StandardDelivery().rate_per_artist * plan.artist_count
    return shipping, plan.subtotal + shipping


def _orders_insert(*, chunk: list[OrderPlan], buyers: dict[int, BuyerSpec], buyer_ids: dict[int, int],
                   countries: dict) -> int:
    shipping_plans = [plan for plan in chunk if not plan.collect]
    addresses = dict(zip(
        (plan.index for plan in shipping_plans),
        ShippingAddress.objects.bulk_create(
            [address_fill(ShippingAddress(), buyers[plan.buyer_index], countries) for plan in shipping_plans]
        ),
    ))
    orders = []
    for plan in chunk:
        shipping, total = order_totals(plan)
        method = StudioCollection if plan.collect else StandardDelivery
        orders.append(Order(
            number=plan.number, site_id=settings.SITE_ID, user_id=buyer_ids[plan.buyer_index],
            currency=settings.OSCAR_DEFAULT_CURRENCY, total_incl_tax=total, total_excl_tax=total,
            shipping_incl_tax=shipping, shipping_excl_tax=shipping, shipping_address=addresses.get(plan.index),
            shipping_method=method.name, shipping_code=method.code, status=plan.status, date_placed=plan.placed_at,
        ))
    orders = Order.objects.bulk_create(orders)
    lines = [
        Line(
            order=order, partner_id=line.item.partner_id, partner_name=line.item.partner_name,
            partner_sku=line.item.partner_sku, stockrecord_id=line.item.stockrecord_id,
            product_id=line.item.product_id, title=line.item.title, upc=line.item.upc, quantity=line.quantity,
            line_price_incl_tax=line.total, line_price_excl_tax=line.total,
            line_price_before_discounts_incl_tax=line.total, line_price_before_discounts_excl_tax=line.total,
            unit_price_incl_tax=line.item.price, unit_price_excl_tax=line.item.price,
            # Paid orders still hold their works; shipped ones consumed them; cancelled ones let go.
            num_allocated=line.quantity if plan.status == statuses.PAID else 0,
            allocation_cancelled=plan.status == statuses.CANCELLED,
        )
        for plan, order in zip(chunk, orders) for line in plan.lines
    ]
    Line.objects.bulk_create(lines, batch_size=1000)
    return len(lines)


def _stock_apply(chunk: list[OrderPlan]) -> None:
    """One UPDATE per distinct (consumed, allocated) change, not one per stock record."""
    change: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for plan in chunk:
        if not plan.takes_stock:
            continue
        for line in plan.lines:
            change[line.item.stockrecord_id][0 if plan.status in CONSUMED else 1] += line.quantity
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for stockrecord_id, (consumed, allocated) in change.items():
        groups[(consumed, allocated)].append(stockrecord_id)
    for (consumed, allocated), ids in groups.items():
        for start in range(0, len(ids), IN_LIST_SIZE):
            StockRecord.objects.filter(pk__in=ids[start:start + IN_LIST_SIZE]).update(
                num_in_stock=F("num_in_stock") - consumed,
                num_allocated=Coalesce(F("num_allocated"), 0) + allocated,
            )
