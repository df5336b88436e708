"""Artiqo's REST API v1 (Django REST framework), on the same services as the pages."""
