"""Reads of the features billing sold: an artist's purchases.

Which works are featured right now is the catalogue's read (storefront.catalogue.selectors).
"""
from __future__ import annotations

from django.db.models import QuerySet

from storefront.billing.models import FeaturedListing


def feature_list_for_artist(*, artist) -> QuerySet:
    """The features the artist bought, newest first, with their work."""
    return FeaturedListing.objects.filter(artist=artist).select_related("artwork").order_by("-date_created", "-pk")
