"""Recommendations: an item-similarity model learnt from orders (scikit-learn)."""
