"""Shapes of /api/v1/favourites and /api/v1/following: an entry is the date added and the card."""
from rest_framework import serializers

from storefront.catalogue.api.serializers import ArtistSerializer, ArtworkCardSerializer


class FavouriteCreateSerializer(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1, max_value=10**18 - 1)


class FavouriteSerializer(serializers.Serializer):
    """A favourite: the work's id, when it was hearted, and its artwork card."""

    product_id = serializers.IntegerField(source="pk")
    date_added = serializers.DateTimeField(source="favourited_at")
    artwork = ArtworkCardSerializer(source="*")


class FollowCreateSerializer(serializers.Serializer):
    artist_id = serializers.IntegerField(min_value=1, max_value=10**18 - 1)


class FollowSerializer(serializers.Serializer):
    """A followed artist: the artist's id, when the follow began, and the artist's card."""

    artist_id = serializers.IntegerField(source="pk")
    date_added = serializers.DateTimeField(source="followed_at")
    artist = ArtistSerializer(source="*")
