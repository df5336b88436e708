"""Private terms of sale, asked of the apps that grant them: works for sale to one buyer, and prices for one buyer.

The shop's core never imports the apps above it. An app that sells on private terms
registers a *provider* from its AppConfig.ready():

- a sale provider (special orders: a one-off work made for the buyer who commissioned it),
  called with `buyer` and `artwork_ids`, returns the ids among them for sale to that buyer;
- a price provider (offers: the price an artist accepted, held for a while), called with
  `buyer`, returns {artwork id: price} of the works that buyer may buy at a price of their own.

The stock strategy (storefront.partner.strategy) prices a buyer's cart lines with the
second, so the cart, checkout and order carry the agreed price like any other.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

PrivateSaleProvider = Callable[..., set[int]]
PrivatePriceProvider = Callable[..., dict[int, Decimal]]
_providers: dict[str, PrivateSaleProvider] = {}
_price_providers: dict[str, PrivatePriceProvider] = {}


def private_sale_provider_register(*, name: str, provider: PrivateSaleProvider) -> None:
    """Add (or replace, by name) a provider: `provider(buyer=..., artwork_ids=...)` -> ids for sale to buyer."""
    _providers[name] = provider


def private_sale_works(*, buyer, artwork_ids: Iterable[int]) -> set[int]:
    """Of `artwork_ids` (hidden works), those for sale to `buyer` alone; no query when there are none."""
    ids = [int(pk) for pk in artwork_ids]
    if not ids:
        return set()
    return {pk for provider in _providers.values() for pk in provider(buyer=buyer, artwork_ids=ids)}


def private_price_provider_register(*, name: str, provider: PrivatePriceProvider) -> None:
    """Add (or replace, by name) a provider: `provider(buyer=...)` -> {artwork id: the buyer's own price}."""
    _price_providers[name] = provider


def private_prices(*, buyer) -> dict[int, Decimal]:
    """The works `buyer` may buy at a price of their own, and that price (the lowest when several apply)."""
    if buyer is None or not getattr(buyer, "is_authenticated", False):
        return {}
    prices: dict[int, Decimal] = {}
    for provider in _price_providers.values():
        for pk, price in provider(buyer=buyer).items():
            prices[pk] = min(price, prices.get(pk, price))
    return prices
