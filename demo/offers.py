"""Offers for the demo: the demo artist takes offers on a few originals; buyers have open offers on them."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from demo.plan import ARTIST_LOGIN, BUYER_LOGIN, demo_key_prefix
from price_offers.models import OPEN, RESPOND_HOURS, OfferStatus, OfferTerms, PriceOffer
from storefront.catalogue.models import ArtworkKind
from storefront.catalogue.selectors import artwork_list

CENT = Decimal("0.01")
# The demo artist's originals that take offers, and the share of the price below which they refuse.
DEMO_OFFER_WORKS = 3
FLOOR_SHARE = Decimal("0.80")


def _share(price: Decimal, share: str) -> Decimal:
    return (price * Decimal(share)).quantize(CENT)


@transaction.atomic
def offers_ensure(*, seed: int) -> int:
    """Turn offers on for the demo artist's first available originals and open two offers; returns offers added.

    Run again, it adds nothing while the demo buyer's offer is open (it expires after
    72 hours; the next `make run` opens a fresh one).
    """
    User = get_user_model()
    artist_user = User.objects.filter(username=ARTIST_LOGIN[0]).select_related("artist").first()
    buyer = User.objects.filter(username=BUYER_LOGIN[0]).first()
    if artist_user is None or buyer is None or not hasattr(artist_user, "artist"):
        return 0
    works = list(artwork_list(available=True).filter(upc__startswith=demo_key_prefix(seed), kind=ArtworkKind.ORIGINAL,
                                                      artist=artist_user.artist).order_by("pk")[:DEMO_OFFER_WORKS])
    if not works:
        return 0
    for work in works:
        OfferTerms.objects.get_or_create(product=work, defaults={
            "accepts_offers": True, "floor_price": (work.price * FLOOR_SHARE).quantize(CENT)})
    if PriceOffer.objects.filter(buyer=buyer, product__in=works, status__in=OPEN).exists():
        return 0
    other = (User.objects.filter(orders__number__startswith=demo_key_prefix(seed), artist__isnull=True)
             .exclude(pk=buyer.pk).distinct().order_by("pk").first())
    respond_by = timezone.now() + timedelta(hours=RESPOND_HOURS)
    added = [PriceOffer.objects.create(
        product=works[0], buyer=buyer, artist=artist_user.artist, amount=_share(works[0].price, "0.85"),
        currency=works[0].price_currency, respond_by=respond_by,
        message="I have had my eye on this one for weeks. Would you consider this?")]
    if other is not None and len(works) > 1:
        added.append(PriceOffer.objects.create(
            product=works[1], buyer=other, artist=artist_user.artist, amount=_share(works[1].price, "0.82"),
            counter_amount=_share(works[1].price, "0.92"), status=OfferStatus.COUNTERED,
            currency=works[1].price_currency, respond_by=respond_by))
    return len(added)
