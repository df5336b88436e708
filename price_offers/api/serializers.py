"""Shapes of price offers in the API (the artist's floor is never among them)."""
from rest_framework import serializers

from artiqo.core.people import person_name
from price_offers.models import OfferStatus, PriceOffer


class OfferSerializer(serializers.ModelSerializer):
    product_title = serializers.CharField(source="product.title", read_only=True)
    artist_name = serializers.CharField(source="artist.name", read_only=True)
    buyer_name = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=OfferStatus.choices)

    class Meta:
        model = PriceOffer
        fields = ["id", "product_id", "product_title", "artist_name", "buyer_name", "amount", "counter_amount",
                  "agreed_price", "currency", "message", "status", "respond_by", "hold_until", "created_at"]

    def get_buyer_name(self, offer) -> str:
        return person_name(offer.buyer)


class OfferCreateSerializer(serializers.Serializer):
    product_id = serializers.IntegerField(min_value=1, max_value=10**18 - 1)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0,
                                      help_text="The price offered, in the work's currency.")
    message = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class CounterSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0,
                                      help_text="The artist's price: above the offer, below the list price.")
