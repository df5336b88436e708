"""The payment endpoints of API v1: pay an order, read its payment attempts."""
