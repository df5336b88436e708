"""JSON shapes of catalogue content inside CMS pages (Wagtail API v2), reusing the REST API's cards."""
from __future__ import annotations

from rest_framework import serializers


def artwork_cards(artworks, *, request=None) -> list[dict]:
    """The REST API's artwork cards, plus whether each work is featured right now."""
    from storefront.catalogue.api.serializers import ArtworkCardSerializer

    artworks = list(artworks)
    cards = ArtworkCardSerializer(artworks, many=True, context={"request": request}).data
    return [{**card, "is_featured": bool(getattr(artwork, "is_featured", False))}
            for card, artwork in zip(cards, artworks)]


def artist_cards(artists, *, request=None) -> list[dict]:
    from storefront.catalogue.api.serializers import ArtistSerializer

    return list(ArtistSerializer(list(artists), many=True, context={"request": request}).data)


class ArtworkCardsField(serializers.Field):
    """A page's list of artworks (from the page method `method`) as cards, for `api_fields`."""

    def __init__(self, method: str, **kwargs):
        self.method = method
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.method)()

    def to_representation(self, artworks):
        return artwork_cards(artworks, request=self.context.get("request"))
