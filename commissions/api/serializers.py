"""Shapes of the special-order endpoints (input checks here, rules in the services)."""
from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from artiqo.core.api.base import absolute_url
from artiqo.core.people import person_name
from artists.api.serializers import ImageUploadField, vibe_field
from commissions.models import SpecialOrderStatus
from commissions.selectors import special_order_role
from commissions.services import MAX_DELIVERY_PHOTOS, MAX_REFERENCES, actions_allowed
from storefront.catalogue.api.serializers import ImageSerializer
from storefront.catalogue.models import Medium
from storefront.order.api.serializers import MONEY


def _date_not_past(value):
    from django.utils import timezone

    if value is not None and value < timezone.localdate():
        raise serializers.ValidationError("Choose a date from today on.")
    return value


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return person_name(user)


class SpecialOrderArtistSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class QuoteSerializer(serializers.Serializer):
    price = serializers.DecimalField(source="quote_price", **MONEY,
                                     help_text="What the buyer pays, delivery included (none is added at checkout).")
    ready_by = serializers.DateField(source="quote_date")
    note = serializers.CharField(source="quote_note")


class ReferenceSerializer(serializers.Serializer):
    image = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_image(self, reference) -> str:
        return absolute_url(self.context.get("request"), reference.image.url)

    @extend_schema_field(OpenApiTypes.URI)
    def get_thumbnail(self, reference) -> str:
        return absolute_url(self.context.get("request"), reference.thumbnail.url)


class EventSerializer(serializers.Serializer):
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    by = serializers.SerializerMethodField(help_text="Who took the step (empty: the shop, e.g. a payment).")
    note = serializers.CharField()
    at = serializers.DateTimeField(source="created_at")

    def get_by(self, event) -> str:
        return event.actor_name


class SpecialOrderSerializer(serializers.Serializer):
    """A special order as the caller (its buyer or its artist) sees it."""

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=SpecialOrderStatus.choices)
    role = serializers.SerializerMethodField(help_text="The caller's side: `buyer` or `artist`.")
    actions = serializers.SerializerMethodField(help_text="Steps the caller may take now.")
    title = serializers.CharField()
    description = serializers.CharField()
    artist = SpecialOrderArtistSerializer()
    buyer = PersonSerializer()
    vibe = serializers.CharField(source="vibe.slug", allow_null=True, default=None, help_text="The vibe's slug.")
    medium = serializers.CharField()
    width_cm = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    height_cm = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    budget = serializers.DecimalField(**MONEY)
    currency = serializers.CharField()
    wished_date = serializers.DateField(allow_null=True)
    quote = serializers.SerializerMethodField()
    artwork_id = serializers.IntegerField(allow_null=True, help_text="The one-off work made on acceptance.")
    work_images = serializers.SerializerMethodField(help_text="Photos of the finished work, once delivered.")
    inspired_by_id = serializers.IntegerField(allow_null=True)
    references = ReferenceSerializer(many=True, source="references.all")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    api_url = serializers.SerializerMethodField()

    def _role(self, special_order) -> str | None:
        return special_order_role(special_order, self.context["request"].user)

    def get_role(self, special_order) -> str:
        return self._role(special_order) or ""

    def get_actions(self, special_order) -> list[str]:
        return actions_allowed(special_order=special_order, role=self._role(special_order))

    @extend_schema_field(ImageSerializer(many=True))
    def get_work_images(self, special_order) -> list[dict]:
        if special_order.artwork is None:
            return []
        return ImageSerializer(special_order.artwork.images.all(), many=True, context=self.context).data

    @extend_schema_field(QuoteSerializer(allow_null=True))
    def get_quote(self, special_order) -> dict | None:
        if special_order.quote_price is None:
            return None
        return QuoteSerializer(special_order).data

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, special_order) -> str:
        return absolute_url(self.context.get("request"),
                            reverse("special-orders-api:detail", args=[special_order.pk]))


class SpecialOrderDetailSerializer(SpecialOrderSerializer):
    history = EventSerializer(many=True, source="events.all")


class SpecialOrderCreateSerializer(serializers.Serializer):
    """Body of `POST /special-orders/` (multipart when attaching reference images)."""

    artist_id = serializers.IntegerField(min_value=1, max_value=10**18)
    inspired_by_id = serializers.IntegerField(min_value=1, max_value=10**18, required=False, allow_null=True,
                                              default=None, help_text="An artwork of this artist to start from.")
    title = serializers.CharField(max_length=120)
    description = serializers.CharField()
    vibe = vibe_field()
    medium = serializers.ChoiceField(choices=Medium.choices, required=False, allow_blank=True, default="")
    width_cm = serializers.DecimalField(max_digits=6, decimal_places=1, min_value=Decimal("1"), required=False,
                                        allow_null=True, default=None)
    height_cm = serializers.DecimalField(max_digits=6, decimal_places=1, min_value=Decimal("1"), required=False,
                                         allow_null=True, default=None)
    budget = serializers.DecimalField(**MONEY, min_value=Decimal("1"))
    wished_date = serializers.DateField(required=False, allow_null=True, default=None,
                                        validators=[_date_not_past])
    references = serializers.ListField(child=ImageUploadField(), max_length=MAX_REFERENCES, required=False,
                                       default=list)


class QuoteInputSerializer(serializers.Serializer):
    price = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"),
                                     help_text="What the buyer pays in all, delivery included.")
    ready_by = serializers.DateField(validators=[_date_not_past])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DeclineInputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why, in a few words (mailed to the buyer).")


class NoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DeliverInputSerializer(NoteInputSerializer):
    """Multipart when attaching photos of the finished work (they become the work's images)."""

    photos = serializers.ListField(child=ImageUploadField(), max_length=MAX_DELIVERY_PHOTOS, required=False,
                                   default=list)


# The body each step takes (accepting takes none).
ACTION_INPUTS = {
    "quote": QuoteInputSerializer,
    "decline": DeclineInputSerializer,
    "cancel": ReasonInputSerializer,
    "start": NoteInputSerializer,
    "deliver": DeliverInputSerializer,
    "complete": NoteInputSerializer,
    "accept": None,
}
