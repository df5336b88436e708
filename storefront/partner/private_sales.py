"""Works hidden from the shop yet for sale to one buyer: who may buy them, asked of the apps that make them.

The basket sits on the core floor and never imports the apps above it. An app that makes
such works (special orders: a one-off work made for the buyer who commissioned it)
registers a *provider* from its AppConfig.ready(): called with `buyer` and `artwork_ids`,
it returns the ids among them that are for sale to that buyer.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

PrivateSaleProvider = Callable[..., set[int]]
_providers: dict[str, PrivateSaleProvider] = {}


def private_sale_provider_register(*, name: str, provider: PrivateSaleProvider) -> None:
    """Add (or replace, by name) a provider: `provider(buyer=..., artwork_ids=...)` -> ids for sale to buyer."""
    _providers[name] = provider


def private_sale_works(*, buyer, artwork_ids: Iterable[int]) -> set[int]:
    """Of `artwork_ids` (hidden works), those for sale to `buyer` alone; no query when there are none."""
    ids = [int(pk) for pk in artwork_ids]
    if not ids:
        return set()
    return {pk for provider in _providers.values() for pk in provider(buyer=buyer, artwork_ids=ids)}
