"""Wagtail API v2 (read-only, /api/v2/): pages with their fields and StreamField content, images, documents.

A separate front end can render the whole storefront from it: pages carry their
catalogue sections as artwork and artist cards, images come with ready-made renditions.
"""
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet


class RenditionImagesAPIViewSet(ImagesAPIViewSet):
    """Images with a thumbnail and a wide rendition besides the original's download URL."""

    body_fields = ImagesAPIViewSet.body_fields + [
        APIField("thumbnail", serializer=ImageRenditionField("fill-400x300", source="*")),
        APIField("wide", serializer=ImageRenditionField("max-1600x1600", source="*")),
    ]
    listing_default_fields = ImagesAPIViewSet.listing_default_fields + ["thumbnail"]
