"""Shapes of verified reviews in the API."""
from rest_framework import serializers

from storefront.catalogue.reviews.models import ProductReview


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = serializers.SerializerMethodField(help_text="The buyer's name.")
    verified = serializers.SerializerMethodField(help_text="Always true: only buyers who received the work review.")
    created_at = serializers.DateTimeField(source="date_created")
    updated_at = serializers.DateTimeField(source="date_updated")

    class Meta:
        model = ProductReview
        fields = ["id", "product_id", "score", "body", "reviewer", "verified", "answer", "answered_at",
                  "created_at", "updated_at"]

    def get_reviewer(self, review) -> str:
        return (review.user.get_full_name().strip() if review.user_id else "") or "A buyer"

    def get_verified(self, review) -> bool:
        return True


class ReviewCreateSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=1, max_value=5, help_text="1 to 5 stars.")
    body = serializers.CharField(max_length=5000, help_text="What the buyer says about the work.")
