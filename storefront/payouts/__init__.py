"""Payouts: artists get paid through the gateway's marketplace product (Stripe Connect Express).

Separate charges and transfers: the buyer's payment goes to Artiqo; once an artist has
fulfilled their lines of an order, their net from the fee ledger moves to their
connected account as one transfer per order and artist; refunds after that reverse it.
"""
