"""Integration tests of the REST API v1 (/api/v1/)."""
