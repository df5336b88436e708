"""The checkout's API: placing orders (POST /api/v1/orders) and listing them."""
