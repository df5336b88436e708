"""Shipping: Oscar's shipping app, forked for Artiqo's methods (delivery from the artist, or collection)."""
