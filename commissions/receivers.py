"""Listeners: when an order is paid, the special orders whose work it holds are recorded as paid."""
from commissions.services import special_orders_paid


def on_order_paid(sender, order, **kwargs) -> None:
    special_orders_paid(order=order)
