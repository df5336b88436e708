"""Artiqo's shipping methods: standard delivery from each artist, or collection at their studio."""
from decimal import Decimal

from django.conf import settings
from oscar.apps.shipping.methods import Base, Free
from oscar.core import prices


def _artists_in(basket) -> set:
    return {line.product.artist_id for line in basket.all_lines()}


class StandardDelivery(Base):
    """Each artist packs and posts their own works, so the charge is a flat rate per artist."""

    code = "standard"
    name = "Standard delivery"
    description = "Tracked delivery, posted by each artist within a week."

    @property
    def rate_per_artist(self) -> Decimal:
        return Decimal(str(getattr(settings, "ARTIQO_STANDARD_DELIVERY_PER_ARTIST", "15.00")))

    def calculate(self, basket):
        charge = self.rate_per_artist * len(_artists_in(basket))
        return prices.Price(currency=basket.currency, excl_tax=charge, tax=Decimal("0.00"))


class StudioCollection(Free):
    """The buyer picks the works up at the artist's studio: no charge, no address needed."""

    code = "collect"
    name = "Collect from the artist's studio"
    description = "Free. The artist emails you to arrange a time once the order is paid."
