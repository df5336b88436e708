"""Listeners: a paid order closes the offers on the works it holds."""
from price_offers.services import offers_close_for_order


def on_order_paid(sender, order, **kwargs) -> None:
    offers_close_for_order(order=order)
