"""Management commands of the API (Postman export)."""
