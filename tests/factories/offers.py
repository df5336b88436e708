"""Originals that take offers, and offers on them."""
from decimal import Decimal

from price_offers.services import offer_create, offer_terms_set


def offers_on(artwork, *, floor: str | None = "800.00"):
    """Turn offers on for an original (its artist's choice), with a floor."""
    return offer_terms_set(artist=artwork.artist, product_id=artwork.pk, accepts_offers=True, floor_price=floor)


def make_offer(buyer, artwork, amount: str = "900.00", **kwargs):
    return offer_create(buyer=buyer, product_id=artwork.pk, amount=Decimal(amount), **kwargs)
