"""Payments: Oscar's payment app, forked for the payment gateways (Stripe, the test gateway) and their API."""
