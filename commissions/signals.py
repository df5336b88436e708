"""Signals of special orders, for apps that build on commissions (the studio) without commissions importing them."""
from django.dispatch import Signal

# Sent inside the transaction (and under the row lock) that marks a special order delivered, when
# the order line that paid for its work is not shipped yet: (sender, special_order, line, note).
# The studio marks that line shipped (its shipping event carries the same note). Receivers'
# writes commit or roll back with the delivery, and an error they raise refuses it.
special_order_delivering = Signal()
