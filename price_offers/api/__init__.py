"""REST API of price offers (/api/v1/offers…)."""
