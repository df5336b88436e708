"""`{% offer_box product %}`: "Make an offer" on an artwork's page, or the buyer's open offer on it.

A tag, so the catalogue's page (core) shows offers without importing this app (domain).
"""
from django import template

from price_offers.models import OfferStatus
from price_offers.selectors import offer_open_of_buyer, offer_terms_get

register = template.Library()


@register.inclusion_tag("price_offers/_box.html", takes_context=True)
def offer_box(context, product):
    request = context.get("request")
    user = getattr(request, "user", None)
    base = {"product": product, "request": request, "user": user, "csrf_token": context.get("csrf_token")}
    if not (product.is_original and product.is_public):
        return base
    if user is not None and user.is_authenticated and product.artist is not None \
            and product.artist.user_id == user.pk:
        return base
    terms = offer_terms_get(product_id=product.pk)
    if terms is None or not terms.accepts_offers:
        return base
    if not getattr(product, "is_available", False):
        # Held for this buyer (their accepted offer) reads as unavailable to everyone else.
        held = getattr(product, "stock_held_until", None) and offer_open_of_buyer(user=user, product_id=product.pk)
        return {**base, "open_offer": held} if held and held.status == OfferStatus.ACCEPTED else base
    return {**base, "can_offer": not getattr(product, "reserved_until", None),
            "open_offer": offer_open_of_buyer(user=user, product_id=product.pk)}
