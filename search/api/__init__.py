"""The search API: `search` and `search/suggest` under /api/v1/."""
