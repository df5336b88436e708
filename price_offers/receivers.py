"""Listeners: a paid order closes the offers on the works it holds; changed terms show at once."""
from price_offers.services import offers_close_for_order


def on_order_paid(sender, order, **kwargs) -> None:
    offers_close_for_order(order=order)


def on_terms_changed(sender=None, raw: bool = False, **kwargs) -> None:
    """A work's offer terms changed: the cached ones (offer_terms_get) are read afresh."""
    if raw:
        return
    from artiqo.core.cache import CATALOGUE, cache_version_bump

    cache_version_bump(name=CATALOGUE)
