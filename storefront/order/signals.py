"""Signals other apps listen to: an order got paid, a payment got (partly) refunded, an artist fulfilled lines."""
from django.dispatch import Signal

# Sent once per order, after the transaction that marked it paid commits: (sender, order).
order_paid = Signal()
# Sent once per refund, after it is recorded: (sender, payment, amount: Decimal).
payment_refunded = Signal()
# Sent inside the transaction that marks an artist's lines of a paid order fulfilled (shipped,
# or handed over at the studio for a collection order): (sender, order, artist, lines).
# Receivers' writes commit or roll back with the shipment itself.
order_lines_fulfilled = Signal()
