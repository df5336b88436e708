"""Shapes of the studio and special-order endpoints (input checks here, rules in the services)."""
from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from artiqo.core.api.base import absolute_url
from artiqo.core.people import person_name
from artists.forms import image_bytes
from artists.models import ArtistApplicationStatus, SpecialOrderStatus
from artists.richtext import plain_from_rich_text
from artists.special_order_services import MAX_DELIVERY_PHOTOS, MAX_REFERENCES, actions_allowed
from artists.studio_services import MAX_IMAGES
from storefront.catalogue.api.serializers import ArtworkDetailSerializer, ImageSerializer
from storefront.order.api.serializers import MONEY, ArtistOrderSerializer, OrderLineSerializer
from storefront.catalogue.models import ArtworkKind, Category, Medium, Vibe


class ImageUploadField(serializers.FileField):
    """A JPEG, PNG or WebP upload, checked by content; its value is the file's bytes."""

    def to_internal_value(self, data):
        upload = super().to_internal_value(data)
        try:
            return image_bytes(upload)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class TagsField(serializers.ListField):
    """Tags as a list, or one comma separated string (handy in multipart forms)."""

    child = serializers.CharField(max_length=100)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [data]
        values = super().to_internal_value(data)
        return [tag.strip() for value in values for tag in value.split(",") if tag.strip()]


def _vibe_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="slug", queryset=Vibe.objects.all(), allow_null=True,
                                        required=False, **kwargs)


def _date_not_past(value):
    from django.utils import timezone

    if value is not None and value < timezone.localdate():
        raise serializers.ValidationError("Choose a date from today on.")
    return value


# --- the studio -------------------------------------------------------------------------

class StudioImageSerializer(ImageSerializer):
    id = serializers.IntegerField()


class StudioArtworkSerializer(ArtworkDetailSerializer):
    """One of the caller's works, withdrawn ones included (image ids to remove them)."""

    is_public = serializers.BooleanField(help_text="False once withdrawn from sale.")
    images = StudioImageSerializer(many=True, source="images.all")
    studio_api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_studio_api_url(self, artwork) -> str:
        return absolute_url(self.context.get("request"), reverse("studio-api:artwork-detail", args=[artwork.pk]))


class ArtworkInputSerializer(serializers.Serializer):
    """Body of creating (JSON or multipart; `images` needs multipart) or changing a work."""

    title = serializers.CharField(max_length=255)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    vibe = _vibe_field(help_text="A vibe's slug.")
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.filter(is_public=True), required=False,
        help_text="A public category's id: where buyers find the work when they "
                  "browse by category. On PATCH, a category the work is not in becomes its only one.")
    tags = TagsField(required=False, default=list)
    medium = serializers.ChoiceField(choices=Medium.choices, required=False, allow_blank=True, default="")
    style = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    width_cm = serializers.DecimalField(max_digits=6, decimal_places=1, min_value=Decimal("0.1"), required=False,
                                        allow_null=True, default=None)
    height_cm = serializers.DecimalField(max_digits=6, decimal_places=1, min_value=Decimal("0.1"), required=False,
                                         allow_null=True, default=None)
    year = serializers.IntegerField(min_value=1000, max_value=9999, required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=ArtworkKind.choices, required=False, default=ArtworkKind.ORIGINAL)
    edition_size = serializers.IntegerField(min_value=1, max_value=10_000, required=False, allow_null=True,
                                            default=None)
    price = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"))
    images = serializers.ListField(child=ImageUploadField(), max_length=MAX_IMAGES, required=False, default=list,
                                   help_text="Image files (multipart): at least one to list a new work; "
                                             "on PATCH they are added to the work's images.")

    def validate(self, attrs):
        if not self.partial:
            if not attrs.get("images"):
                raise serializers.ValidationError({"images": ["Add at least one image of the work."]})
            if attrs.get("kind") == ArtworkKind.EDITION and not attrs.get("edition_size"):
                raise serializers.ValidationError({"edition_size": ["How many prints are in the edition?"]})
        elif "kind" in attrs:
            raise serializers.ValidationError({"kind": ["A listed work keeps its kind."]})
        return attrs


class ImageAddSerializer(serializers.Serializer):
    image = ImageUploadField()


class StudioLineSerializer(OrderLineSerializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="`Shipped` once the artist marked it so.")
    shipping_notes = serializers.SerializerMethodField()

    def get_shipping_notes(self, line) -> list[str]:
        return [event.notes for event in line.shipping_events.all() if event.notes]


class StudioOrderSerializer(ArtistOrderSerializer):
    """An order of the caller's art: only their lines, with ids to mark them shipped."""

    lines = StudioLineSerializer(many=True, source="artist_lines")


class ShipSerializer(serializers.Serializer):
    line_ids = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1,
                                     help_text="Ids of the caller's lines in this order that were shipped.")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="",
                                 help_text="Tracking note, mailed to the buyer.")


class ShowcaseSerializer(serializers.Serializer):
    """The caller's showcase page and commission settings (`bio` as plain text)."""

    bio = serializers.CharField(allow_blank=True, required=False)
    statement = serializers.CharField(allow_blank=True, required=False)
    location = serializers.CharField(max_length=120, allow_blank=True, required=False)
    accepts_commissions = serializers.BooleanField(required=False)
    turnaround_weeks = serializers.IntegerField(min_value=1, max_value=104, allow_null=True, required=False)
    portrait = ImageUploadField(write_only=True, required=False)
    portrait_url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    def to_representation(self, artist):
        page = artist.page
        return {
            "bio": plain_from_rich_text(page.bio), "statement": page.statement, "location": artist.location,
            "accepts_commissions": artist.accepts_commissions, "turnaround_weeks": artist.turnaround_weeks,
            "portrait_url": self.get_portrait_url(artist), "page_url": self.get_page_url(artist),
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_portrait_url(self, artist) -> str | None:
        portrait = artist.page.portrait
        return absolute_url(self.context.get("request"), portrait.file.url) if portrait else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, artist) -> str:
        return absolute_url(self.context.get("request"), artist.get_absolute_url())


# --- becoming an artist -----------------------------------------------------------------

class ArtistApplicationInputSerializer(serializers.Serializer):
    """An application to sell on Artiqo (an admin approves or declines it in the CMS)."""

    name = serializers.CharField(max_length=120, help_text="The name the artist's page and works are shown under.")
    location = serializers.CharField(max_length=120, allow_blank=True, required=False, default="")
    vibe = _vibe_field(help_text="A vibe's slug: the one their work is known for.")
    about = serializers.CharField(max_length=4000, min_length=20, help_text="What they make, and how.")
    portfolio_url = serializers.URLField(max_length=200, allow_blank=True, required=False, default="")


class ArtistApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ArtistApplicationStatus.choices)
    name = serializers.CharField()
    location = serializers.CharField()
    vibe = serializers.CharField(source="vibe.slug", allow_null=True, default=None, help_text="The vibe's slug.")
    about = serializers.CharField()
    portfolio_url = serializers.CharField()
    decision_note = serializers.CharField(help_text="The admin's note with the decision (empty while pending).")
    created_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)


# --- special orders ---------------------------------------------------------------------

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
        from artists.selectors import special_order_role

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
    vibe = _vibe_field()
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
