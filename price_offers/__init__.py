"""Make an offer: a buyer offers a price for an original, the artist accepts, counters or declines."""
