"""Shapes of the cart endpoints: the cart as stored by Oscar, and the changes to it."""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from artiqo.core.api.base import absolute_url

MAX_ID = 2**63 - 1
MAX_LINE_QUANTITY = 1000


class CartLineSerializer(serializers.Serializer):
    product_id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    line_total = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    is_available = serializers.BooleanField(help_text="False when sold or no longer in this quantity.")
    warning = serializers.CharField(help_text="e.g. a price change since the line was added.")
    held_until = serializers.DateTimeField(
        allow_null=True, help_text="Until when the work is held for the buyer at the price shown (e.g. an accepted "
                                   "offer), else null.")
    hold_note = serializers.CharField(help_text="e.g. “Your offer price, held until 14:05 tomorrow”; empty when "
                                                "not held.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, line) -> str:
        return absolute_url(self.context.get("request"), line.url)

    @extend_schema_field(OpenApiTypes.STR)
    def get_thumbnail(self, line) -> str:
        return absolute_url(self.context.get("request"), line.thumbnail) if line.thumbnail else ""


class CartSerializer(serializers.Serializer):
    """The cart: lines priced now, totals; money as decimal strings with the currency."""

    user_id = serializers.IntegerField()
    lines = CartLineSerializer(many=True)
    num_items = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()


class CartAddSerializer(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_LINE_QUANTITY, default=1)


class CartUpdateSerializer(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    quantity = serializers.IntegerField(min_value=0, max_value=MAX_LINE_QUANTITY,
                                        help_text="0 removes the artwork from the cart.")
