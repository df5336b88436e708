"""Artiqo's shipping methods: standard delivery from each artist, or collection at their studio.

Some works' prices already include their delivery: a special order's quote is what the
buyer pays for the finished work brought to them. The apps that sell such works say which
through `delivery_included_register` (artists registers the commissioned works in its
AppConfig.ready()), so this core app needs no knowledge of them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from django.conf import settings
from oscar.apps.shipping.methods import Base, Free
from oscar.core import prices

# Each finder takes product ids and returns those whose price includes delivery.
_DELIVERY_INCLUDED: list[Callable[[list[int]], Iterable[int]]] = []


def delivery_included_register(finder: Callable[[list[int]], Iterable[int]]) -> None:
    if finder not in _DELIVERY_INCLUDED:
        _DELIVERY_INCLUDED.append(finder)


def delivery_included_ids(product_ids: list[int]) -> set[int]:
    """The works among these whose price already includes delivery to the buyer."""
    found: set[int] = set()
    for finder in _DELIVERY_INCLUDED:
        found.update(finder(product_ids) if product_ids else ())
    return found


def artists_to_charge(basket) -> set:
    """The artists who post something of this basket that is not delivered at its price already."""
    lines = [line for line in basket.all_lines() if line.product is not None]
    included = delivery_included_ids([line.product_id for line in lines])
    return {line.product.artist_id for line in lines if line.product_id not in included}


class StandardDelivery(Base):
    """Each artist packs and posts their own works, so the charge is a flat rate per artist."""

    code = "standard"
    name = "Standard delivery"
    description = ("Tracked delivery, posted by each artist within a week. Commissioned works are delivered at "
                   "their quoted price.")

    @property
    def rate_per_artist(self) -> Decimal:
        return Decimal(str(getattr(settings, "ARTIQO_STANDARD_DELIVERY_PER_ARTIST", "15.00")))

    def calculate(self, basket):
        charge = self.rate_per_artist * len(artists_to_charge(basket))
        return prices.Price(currency=basket.currency, excl_tax=charge, tax=Decimal("0.00"))


class StudioCollection(Free):
    """The buyer picks the works up at the artist's studio: no charge, no address needed."""

    code = "collect"
    name = "Collect from the artist's studio"
    description = "Free. The artist emails you to arrange a time once the order is paid."
