"""Writes of price offers: make, counter, accept, decline, withdraw, expire, close when sold; set a work's terms.

Every step mails the other side through the outbox, in the step's transaction. A step
is taken on a row locked for it, after due offers have expired, so two answers at once
take effect once. One open offer per buyer and work is the database's constraint.

An accepted offer keeps the original for its buyer with the shop's own stock hold
(storefront.order.holds.stock_hold_place): the work is allocated to them, so nobody else
can add it, check it out or be sold it, until the hold lapses (HOLD_HOURS), the buyer
withdraws, or their order takes it over.
"""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from artiqo.core.errors import Conflict, Invalid, NotFound, NotPermitted, Unavailable
from price_offers.emails import offer_notify
from price_offers.models import HOLD_HOURS, OPEN, RESPOND_HOURS, OfferStatus, OfferTerms, PriceOffer
from storefront.basket.services import basket_for_user, basket_line_add
from storefront.catalogue.models import Product
from storefront.order.holds import artwork_unavailable, stock_hold_place, stock_hold_release

CENT = Decimal("0.01")
StockRecord = get_model("partner", "StockRecord")


class OffersNotAccepted(Conflict):
    code = "offers_not_accepted"


class OfferExists(Conflict):
    code = "offer_open"


class OfferNotOpen(Conflict):
    code = "offer_not_open"


class OfferTooLow(Invalid):
    code = "offer_too_low"


class OffersTooMany(Unavailable):
    """The buyer made ARTIQO_OFFERS_PER_HOUR offers within the last hour."""

    code = "too_many_offers"
    http_status = 429


def _money(value, *, field: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, TypeError, ValueError):
        raise Invalid("Give an amount.", fields={field: ["Give an amount, e.g. 850.00."]}) from None
    if amount <= 0 or not amount.is_finite():
        raise Invalid("Give an amount above zero.", fields={field: ["Give an amount above zero."]})
    return amount


def _list_price(product) -> tuple[Decimal, str]:
    record = product.stockrecords.order_by("pk").first()
    if record is None or record.price is None:
        raise OffersNotAccepted(f"“{product.get_title()}” is not for sale.")
    if (record.num_in_stock or 0) - (record.num_allocated or 0) <= 0:
        # Sold, or reserved (held for a buyer whose offer was accepted, or being paid for): say which.
        raise OffersNotAccepted(artwork_unavailable(product=product, stockrecord_id=record.pk).message)
    return record.price, record.price_currency


def offers_expire_due(*, now=None, **filters) -> int:
    """Expire the open offers (among `filters`) whose answer or hold is overdue; each waiting side is mailed."""
    now = now or timezone.now()
    due = (PriceOffer.objects.filter(status__in=(OfferStatus.PENDING, OfferStatus.COUNTERED), respond_by__lte=now)
           | PriceOffer.objects.filter(status=OfferStatus.ACCEPTED, hold_until__lte=now)).filter(**filters)
    expired = 0
    for offer in due.select_related("product", "buyer", "artist__user"):
        with transaction.atomic():
            # Conditional: a step taken meanwhile (an answer, a purchase) wins.
            if PriceOffer.objects.filter(pk=offer.pk, status=offer.status).update(
                    status=OfferStatus.EXPIRED, is_open=None, updated_at=now) != 1:
                continue
            was = offer.status
            if offer.stock_hold_id:
                stock_hold_release(hold_id=offer.stock_hold_id)
            offer.status = OfferStatus.EXPIRED
            offer_notify(offer=offer, event="expired", to="artist" if was == OfferStatus.COUNTERED else "buyer",
                         was=was)
            expired += 1
    return expired


def offer_terms_set(*, artist, product_id: int, accepts_offers: bool, floor_price=None) -> OfferTerms:
    """The artist turns offers on (with an optional floor) or off for one of their originals."""
    product = Product.objects.filter(pk=product_id, artist=artist).first()
    if product is None:
        raise NotFound("You have no such work.")
    if accepts_offers and not product.is_original:
        raise Invalid("Offers are for originals.", fields={"accepts_offers": ["Only originals take offers."]})
    floor = None if floor_price in (None, "") else _money(floor_price, field="floor_price")
    terms, _ = OfferTerms.objects.update_or_create(
        product=product, defaults={"accepts_offers": bool(accepts_offers), "floor_price": floor})
    return terms


def offer_create(*, buyer, product_id: int, amount, message: str = "") -> PriceOffer:
    """A buyer offers a price for an original that takes offers: at least the artist's floor, below the price."""
    product = Product.objects.filter(pk=product_id, is_public=True).select_related("artist__user").first()
    if product is None:
        raise NotFound(f"There is no artwork with id {product_id}.")
    if product.artist is not None and product.artist.user_id == buyer.pk:
        raise NotPermitted("You cannot make an offer on your own work.")
    terms = OfferTerms.objects.filter(product=product).first()
    if product.artist is None or not product.is_original or terms is None or not terms.accepts_offers:
        raise OffersNotAccepted(f"“{product.get_title()}” does not take offers.")
    amount = _money(amount, field="amount")
    price, currency = _list_price(product)
    if amount >= price:
        raise Invalid("Your offer is not below the price: add the work to your cart instead.",
                      fields={"amount": [f"Offer less than {price} {currency}."]})
    if terms.floor_price is not None and amount < terms.floor_price:
        # The floor itself stays the artist's secret.
        raise OfferTooLow("The artist does not take offers this low.",
                          fields={"amount": ["Too low for this artist: offer a little more."]})
    offers_expire_due(buyer=buyer, product=product)
    now = timezone.now()
    try:
        with transaction.atomic():
            _rate_check(buyer=buyer, now=now)
            offer = PriceOffer.objects.create(
                product=product, buyer=buyer, artist=product.artist, amount=amount, currency=currency,
                message=(message or "").strip()[:2000], respond_by=now + timedelta(hours=RESPOND_HOURS))
            offer_notify(offer=offer, event="made", to="artist")
    except IntegrityError as error:
        # The unique (work, buyer, is_open): another request of this buyer got there first.
        raise OfferExists("You already have an open offer on this work.") from error
    return offer


def _rate_check(*, buyer, now) -> None:
    """At most ARTIQO_OFFERS_PER_HOUR offers per buyer in any hour, counted from the offers themselves.

    The buyer's row is locked first, so concurrent offers of one buyer are counted one after
    the other (the database, not a per-process cache, is the one count every process sees).
    """
    limit = settings.ARTIQO_OFFERS_PER_HOUR
    if limit <= 0:
        return  # 0 turns the limit off
    get_user_model().objects.select_for_update().filter(pk=buyer.pk).values_list("pk", flat=True).first()
    recent = list(PriceOffer.objects.filter(buyer=buyer, created_at__gt=now - timedelta(hours=1))
                  .order_by("-created_at").values_list("created_at", flat=True)[:limit])
    if len(recent) < limit:
        return
    retry_after = max(int((recent[-1] + timedelta(hours=1) - now).total_seconds()) + 1, 1)
    minutes = max(round(retry_after / 60), 1)
    raise OffersTooMany(
        f"You have made {limit} offers in the last hour, the most we take. You can make another in about "
        f"{minutes} minute{'s' if minutes != 1 else ''}.", retry_after=retry_after)


def _locked(*, user, pk: int, role: str, refusal: str = "") -> PriceOffer:
    offers_expire_due(pk=pk)
    offer = (PriceOffer.objects.select_for_update().select_related("product", "buyer", "artist__user")
             .filter(pk=pk).first())
    if offer is None or user.pk not in (offer.buyer_id, offer.artist.user_id):
        raise NotFound("You have no such offer.")
    if role == "artist" and offer.artist.user_id != user.pk:
        raise NotPermitted("Only the work's artist answers this offer.")
    if role == "buyer" and offer.buyer_id != user.pk:
        raise NotPermitted(refusal or "Only the buyer who made this offer answers the counter-offer.")
    return offer


def _expect(offer: PriceOffer, status: str) -> None:
    if offer.status != status:
        raise OfferNotOpen(f"This offer is {offer.get_status_display().lower()}; it can no longer be answered.")


def _to_cart(offer: PriceOffer, price: Decimal) -> None:
    """Accept at `price`: the work is held for the buyer for HOLD_HOURS and goes into their cart at that price.

    Raises ArtworkUnavailable (a 409) when the work was sold or is held for someone else.
    """
    now = timezone.now()
    offer.status, offer.agreed_price, offer.hold_until = OfferStatus.ACCEPTED, price, now + timedelta(hours=HOLD_HOURS)
    offer.stock_hold = stock_hold_place(user=offer.buyer, product=offer.product, until=offer.hold_until,
                                        label="Your offer price")
    offer.save(update_fields=["status", "agreed_price", "hold_until", "stock_hold", "updated_at"])
    basket = basket_for_user(user=offer.buyer)
    if not basket.lines.filter(product_id=offer.product_id).exists():
        basket = basket_line_add(user=offer.buyer, product_id=offer.product_id)
    # The line remembers the price it was added at (Oscar warns when it changes): the agreed one.
    basket.lines.filter(product_id=offer.product_id).update(price_excl_tax=price, price_incl_tax=price)


def offer_accept(*, user, pk: int) -> PriceOffer:
    """The artist accepts a pending offer, or the buyer accepts the artist's counter: the work goes in the cart."""
    product_id = PriceOffer.objects.filter(pk=pk).values_list("product_id", flat=True).first()
    with transaction.atomic():
        # Stock first, as a checkout takes its locks (storefront.order.services): locking the
        # offer first deadlocked on MariaDB with another buyer's checkout of the same work.
        list(StockRecord.objects.select_for_update().filter(product_id=product_id).order_by("pk").values_list("pk"))
        offer = _locked(user=user, pk=pk, role="any")
        if user.pk == offer.artist.user_id:
            _expect(offer, OfferStatus.PENDING)
            _to_cart(offer, offer.amount)
            offer_notify(offer=offer, event="accepted", to="buyer")
        else:
            _expect(offer, OfferStatus.COUNTERED)
            _to_cart(offer, offer.counter_amount)
            offer_notify(offer=offer, event="counter_accepted", to="artist")
    return offer


def offer_counter(*, user, pk: int, amount) -> PriceOffer:
    """The artist answers a pending offer with a price of their own (above the offer, below the list price)."""
    amount = _money(amount, field="amount")
    with transaction.atomic():
        offer = _locked(user=user, pk=pk, role="artist")
        _expect(offer, OfferStatus.PENDING)
        price, _currency = _list_price(offer.product)
        if not offer.amount < amount < price:
            raise Invalid("A counter-offer lies between the buyer's offer and the price.",
                          fields={"amount": [f"More than {offer.amount} and less than {price}."]})
        offer.status, offer.counter_amount = OfferStatus.COUNTERED, amount
        offer.respond_by = timezone.now() + timedelta(hours=RESPOND_HOURS)
        offer.save(update_fields=["status", "counter_amount", "respond_by", "updated_at"])
        offer_notify(offer=offer, event="countered", to="buyer")
    return offer


def offer_decline(*, user, pk: int) -> PriceOffer:
    """The artist declines a pending offer, or the buyer declines the artist's counter."""
    with transaction.atomic():
        offer = _locked(user=user, pk=pk, role="any")
        artist_side = user.pk == offer.artist.user_id
        _expect(offer, OfferStatus.PENDING if artist_side else OfferStatus.COUNTERED)
        offer.status, offer.is_open = OfferStatus.DECLINED, None
        offer.save(update_fields=["status", "is_open", "updated_at"])
        offer_notify(offer=offer, event="declined" if artist_side else "counter_declined",
                     to="buyer" if artist_side else "artist")
    return offer


def offer_withdraw(*, user, pk: int) -> PriceOffer:
    """The buyer takes back an open offer (pending, countered or accepted); an accepted one's hold ends."""
    with transaction.atomic():
        offer = _locked(user=user, pk=pk, role="buyer", refusal="Only the buyer who made this offer withdraws it.")
        if offer.status not in OPEN:
            raise OfferNotOpen(f"This offer is {offer.get_status_display().lower()}; there is nothing to withdraw.")
        was = offer.status
        if offer.stock_hold_id:
            stock_hold_release(hold_id=offer.stock_hold_id)
        offer.status, offer.is_open = OfferStatus.WITHDRAWN, None
        offer.save(update_fields=["status", "is_open", "updated_at"])
        offer_notify(offer=offer, event="withdrawn", to="artist", was=was)
    return offer


def offers_close_for_order(*, order) -> int:
    """A paid order closes every open offer on its works: the buyer's accepted one is bought, the rest closed."""
    closed = 0
    for line in order.lines.all():
        if line.product_id is None:
            continue
        offers = PriceOffer.objects.filter(product_id=line.product_id, status__in=OPEN).select_related(
            "product", "buyer", "artist__user")
        for offer in offers:
            bought = offer.buyer_id == order.user_id and offer.status == OfferStatus.ACCEPTED
            status = OfferStatus.PURCHASED if bought else OfferStatus.CLOSED
            if PriceOffer.objects.filter(pk=offer.pk, status=offer.status).update(status=status, is_open=None) != 1:
                continue
            offer.status = status
            if not bought:
                offer_notify(offer=offer, event="closed", to="buyer")
            closed += 1
    return closed
