"""Absolute links to the shop's own pages, for mail and other places that have no request."""
from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` on the shop's public address (SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + path
