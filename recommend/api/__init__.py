"""The recommendation API: `recommendations` and `products/{id}/similar` under /api/v1/."""
