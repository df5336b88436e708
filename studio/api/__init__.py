"""REST API of the studio (/api/v1/studio/…)."""
