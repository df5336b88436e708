"""Signals other apps listen to: an order got paid, a payment got (partly) refunded, an artist fulfilled lines,
a stock hold began or ended."""
from django.dispatch import Signal

# Sent once per order, after the transaction that marked it paid commits: (sender, order).
order_paid = Signal()
# Sent once per refund, after it is recorded: (sender, payment, amount: Decimal).
payment_refunded = Signal()
# Sent inside the transaction that marks an artist's lines of a paid order fulfilled (shipped,
# or handed over at the studio for a collection order): (sender, order, artist, lines).
# Receivers' writes commit or roll back with the shipment itself.
order_lines_fulfilled = Signal()
# Sent when a stock hold (storefront.order.holds: a work kept for one buyer) is placed, released or
# taken over by its holder's order, whose conditional UPDATEs send no model signal: (sender, product_id).
# Pages and the search index show the work as reserved or for sale again.
stock_hold_changed = Signal()
