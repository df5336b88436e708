"""Reads of a buyer's cart: the open basket and its lines, prices and totals, ready to show.

Reading never creates a basket; lines come with their products, stock records and
images in a constant number of queries, and offers are applied as the browser sees them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from storefront.basket.services import basket_strategy_attach
from storefront.partner.private_sales import private_sale_works

Applicator = get_class("offer.applicator", "Applicator")
Basket = get_model("basket", "Basket")
StockHold = get_model("partner", "StockHold")


@dataclass(frozen=True)
class CartLine:
    """One artwork in the cart, priced now (not at the time it was added)."""

    product_id: int
    title: str
    url: str
    thumbnail: str
    quantity: int
    unit_price: Decimal | None
    line_total: Decimal | None
    is_available: bool
    warning: str
    held_until: datetime | None = None
    hold_note: str = ""


@dataclass(frozen=True)
class CartSummary:
    """The whole cart as a buyer sees it."""

    user_id: int
    lines: list[CartLine]
    num_items: int
    total: Decimal
    currency: str


def basket_open_get(*, user):
    """The user's open basket with their strategy, or an unsaved empty one (no write)."""
    basket = Basket.open.filter(owner=user).order_by("pk").first() or Basket(owner=user)
    return basket_strategy_attach(basket=basket, user=user)


def _thumbnail_url(product) -> str:
    # Images are prefetched with the lines; pick the first in display order in Python.
    images = sorted(product.images.all(), key=lambda image: (image.display_order, image.pk))
    if not images:
        return ""
    image = images[0]
    return getattr(image, "thumbnail_url", "") or image.original.url


def _line_prices(line) -> tuple[Decimal | None, Decimal | None]:
    info = line.purchase_info
    if not info.price.exists:
        return None, None
    if info.price.is_tax_known:
        return line.unit_price_incl_tax, line.line_price_incl_tax_incl_discounts
    return line.unit_price_excl_tax, line.line_price_excl_tax_incl_discounts


def hold_until_words(until: datetime, *, now: datetime | None = None) -> str:
    """“14:05 today”, “14:05 tomorrow” or “14:05 on 9 December”, in the shop's time zone."""
    local, today = timezone.localtime(until), timezone.localtime(now or timezone.now()).date()
    days = (local.date() - today).days
    day = "today" if days == 0 else "tomorrow" if days == 1 else f"on {local.day} {local:%B}"
    return f"{local:%H:%M} {day}"


def cart_holds_get(*, user) -> dict[int, object]:
    """{work id: StockHold} of the works held for `user` right now (one query; none for a visitor)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    holds = StockHold.objects.filter(user=user, is_live=True, expires_at__gt=timezone.now()).select_related(
        "stockrecord")
    return {hold.stockrecord.product_id: hold for hold in holds}


def hold_note(hold) -> str:
    """What the cart says of a held line: “Your offer price, held until 14:05 tomorrow”."""
    return f"{hold.label}, held until {hold_until_words(hold.expires_at)}"


def _cart_line(line, *, for_sale_hidden: set[int], holds: dict) -> CartLine:
    unit_price, line_total = _line_prices(line)
    hold = holds.get(line.product_id)
    availability = line.purchase_info.availability
    permitted, _reason = availability.is_purchase_permitted(line.quantity)
    return CartLine(
        product_id=line.product_id,
        title=line.product.get_title(),
        url=line.product.get_absolute_url(),
        thumbnail=_thumbnail_url(line.product),
        quantity=line.quantity,
        unit_price=unit_price,
        line_total=line_total,
        is_available=bool((line.product.is_public or line.product_id in for_sale_hidden) and permitted),
        # Oscar's "the price changed since you added it" does not apply to the price a hold keeps.
        warning="" if hold is not None else str(line.get_warning() or ""),
        held_until=hold.expires_at if hold is not None else None,
        hold_note=hold_note(hold) if hold is not None else "",
    )


def _lines_load(basket) -> None:
    # Oscar's all_lines() leaves each line's product class and stock record choice to one
    # query per line; load them with the lines and hand Oscar the filled queryset (the
    # cache all_lines() itself keeps), so prices, stock and offers read no more rows.
    lines = basket.lines.select_related("product__product_class", "stockrecord").prefetch_related(
        "attributes", "product__images", "product__stockrecords"
    ).order_by("pk")
    list(lines)
    basket._lines = lines


def basket_summary_get(*, basket) -> CartSummary:
    """Lines, item count, total and currency of a basket (offers applied)."""
    if basket.pk:
        _lines_load(basket)
        Applicator().apply(basket, basket.owner)
    all_lines = basket.all_lines()
    # Hidden works are for sale only to the buyer whose special order made them; one query,
    # and only when the cart holds such a work.
    hidden_ids = [line.product_id for line in all_lines if not line.product.is_public]
    for_sale_hidden = private_sale_works(buyer=basket.owner, artwork_ids=hidden_ids)
    # Only allocated stock can be held for the buyer: a cart without any costs no query.
    maybe_held = any(line.stockrecord is not None and (line.stockrecord.num_allocated or 0) > 0 for line in all_lines)
    holds = cart_holds_get(user=basket.owner) if maybe_held else {}
    lines = [_cart_line(line, for_sale_hidden=for_sale_hidden, holds=holds) for line in all_lines]
    total = basket.total_incl_tax if basket.is_tax_known else basket.total_excl_tax
    return CartSummary(
        user_id=basket.owner_id,
        lines=lines,
        num_items=sum(line.quantity for line in lines),
        total=total,
        currency=basket.currency or settings.OSCAR_DEFAULT_CURRENCY,
    )
