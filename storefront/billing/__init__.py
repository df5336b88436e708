"""Billing: the fee ledger, artist subscription plans, featured listings and revenue reporting."""
