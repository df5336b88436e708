"""Signals other apps listen to: an order got paid, a payment got (partly) refunded."""
from django.dispatch import Signal

# Sent once per order, after the transaction that marked it paid commits: (sender, order).
order_paid = Signal()
# Sent once per refund, after it is recorded: (sender, payment, amount: Decimal).
payment_refunded = Signal()
