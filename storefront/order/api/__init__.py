"""The orders part of the API: place and read orders, and the artist view of them."""
