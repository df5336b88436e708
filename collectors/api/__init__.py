"""The collectors API: /api/v1/favourites and /api/v1/following."""
