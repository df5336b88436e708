"""REST API of special orders (/api/v1/special-orders…)."""
