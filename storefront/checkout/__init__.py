"""Checkout: Oscar's checkout app, forked for Artiqo's pages, forms and payment step."""
