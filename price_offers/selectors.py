"""Reads of price offers: a buyer's and an artist's offers, one offer, terms, and the prices held in carts."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from price_offers.models import OfferStatus, OfferTerms, PriceOffer


def offer_prices_held(*, buyer) -> dict[int, Decimal]:
    """{work id: agreed price} of the buyer's accepted offers whose hold has not lapsed (one query)."""
    rows = PriceOffer.objects.filter(buyer=buyer, status=OfferStatus.ACCEPTED, hold_until__gt=timezone.now())
    return {product_id: price for product_id, price in rows.values_list("product_id", "agreed_price")}


def offer_list(*, user, role: str, status: str | None = None) -> QuerySet:
    """The offers `user` made (`role="buyer"`) or received as an artist (`"artist"`), newest first."""
    offers = PriceOffer.objects.select_related("product", "buyer", "artist").order_by("-created_at", "-pk")
    if role == "artist":
        offers = offers.filter(artist__user=user)
    else:
        offers = offers.filter(buyer=user)
    if status:
        offers = offers.filter(status=status)
    return offers


def offer_get(*, user, pk: int) -> PriceOffer | None:
    """One offer, if `user` made it or is its work's artist (the same None for everybody else)."""
    offer = PriceOffer.objects.select_related("product", "buyer", "artist").filter(pk=pk).first()
    if offer is None or user.pk not in (offer.buyer_id, offer.artist.user_id):
        return None
    return offer


def offer_terms_get(*, product_id: int) -> OfferTerms | None:
    """A work's offer terms, or None; read on every visit of its page, so kept in the cache
    until they (or the catalogue) change (price_offers.receivers.on_terms_changed)."""
    from artiqo.core.cache import versioned_get_or_set

    return versioned_get_or_set("offer-terms", int(product_id),
                                compute=lambda: OfferTerms.objects.filter(product_id=product_id).first())


def offer_open_of_buyer(*, user, product_id: int) -> PriceOffer | None:
    """The buyer's open offer on a work, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    from price_offers.models import OPEN

    return PriceOffer.objects.filter(buyer=user, product_id=product_id, status__in=OPEN).first()


def offer_terms_of_artist(*, artist) -> dict[int, OfferTerms]:
    """{work id: terms} of the artist's works that have terms (one query)."""
    return {terms.product_id: terms for terms in OfferTerms.objects.filter(product__artist=artist)}
