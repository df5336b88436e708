"""Bodies of the recommendation API: the `limit` query, a pick with its reason, the two lists."""
from __future__ import annotations

from rest_framework import serializers

from storefront.catalogue.api.serializers import ArtworkCardSerializer

MAX_LIMIT = 50


class LimitSerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=10,
                                     help_text=f"How many works (1 to {MAX_LIMIT}, default 10).")


class ReasonSerializer(serializers.Serializer):
    kind = serializers.CharField(
        source="reason_kind",
        help_text="bought_with, similar_content, same_artist, popular, featured or new.",
    )
    text = serializers.CharField(source="reason", help_text='e.g. "because you bought Harbour at Dusk".')
    artwork_id = serializers.IntegerField(source="reason_artwork_id", allow_null=True,
                                          help_text="The work behind the pick, if any.")


class RecommendationSerializer(serializers.Serializer):
    artwork = ArtworkCardSerializer()
    reason = ReasonSerializer(source="*")


class RecommendationListSerializer(serializers.Serializer):
    personalised = serializers.BooleanField(help_text="false: popular and featured works (visitor or new buyer).")
    model_version = serializers.CharField(allow_null=True)
    results = RecommendationSerializer(many=True)


class SimilarSerializer(serializers.Serializer):
    product_id = serializers.IntegerField()
    model_version = serializers.CharField(allow_null=True)
    buyers_also_liked = RecommendationSerializer(many=True)
    more_with_this_vibe = RecommendationSerializer(many=True)
