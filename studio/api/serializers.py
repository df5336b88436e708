"""Shapes of the studio's endpoints: works, orders, showcase, applying, payouts (input checks here, rules in
the services)."""
from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from artiqo.core.api.base import absolute_url
from artists.api.serializers import ImageUploadField, vibe_field
from artists.models import ArtistApplicationStatus
from artists.richtext import plain_from_rich_text
from storefront.catalogue.api.serializers import ArtworkDetailSerializer, ImageSerializer
from storefront.catalogue.models import ArtworkKind, Category, Medium
from storefront.catalogue.palette import NAMED_COLOURS
from storefront.catalogue.tagging import colour_tags_clean
from storefront.order.api.serializers import MONEY, ArtistOrderSerializer, OrderLineSerializer
from storefront.payouts.models import TransferStatus
from studio.services import MAX_IMAGES


class TagsField(serializers.ListField):
    """Tags as a list, or one comma separated string (handy in multipart forms)."""

    child = serializers.CharField(max_length=100)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [data]
        values = super().to_internal_value(data)
        return [tag.strip() for value in values for tag in value.split(",") if tag.strip()]


class ColourTagsField(TagsField):
    """Colour tags from Artiqo's colour names (`POST studio/artworks/suggest`), a list or comma separated."""

    def to_internal_value(self, data):
        try:
            return colour_tags_clean(super().to_internal_value(data))
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error


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
    vibe = vibe_field(help_text="A vibe's slug.")
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.filter(is_public=True), required=False,
        help_text="A public category's id: where buyers find the work when they "
                  "browse by category. On PATCH, a category the work is not in becomes its only one.")
    tags = TagsField(required=False, default=list)
    colours = ColourTagsField(required=False, default=list,
                              help_text=f"Colour tags, main colour first; each one of: {', '.join(NAMED_COLOURS)}.")
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


class SuggestInputSerializer(serializers.Serializer):
    """The picture of a work not listed yet; its title and description, when known, sharpen the vibe."""

    image = ImageUploadField(help_text="JPEG, PNG or WebP, up to 15 MB.")
    title = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")


class ArtworkSuggestedVibeSerializer(serializers.Serializer):
    slug = serializers.CharField(source="vibe.slug")
    name = serializers.CharField(source="vibe.name")
    confidence = serializers.FloatField(help_text="The classifier's probability for this vibe, 0 to 1.")


class ArtworkSuggestedColourSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="A colour tag, e.g. `teal`.")
    hex = serializers.CharField(help_text="The colour as it is in the picture, e.g. `#2a7f7f`.")
    share = serializers.FloatField(help_text="Share of the picture in this colour, 0 to 1.")


class ArtworkSuggestionSerializer(serializers.Serializer):
    """Tags suggested from a picture: nothing is saved; send the ones kept with the work."""

    vibe = ArtworkSuggestedVibeSerializer(allow_null=True, help_text="Null until the vibe classifier has been trained.")
    colours = ArtworkSuggestedColourSerializer(many=True, help_text="Dominant colours, biggest share first (up to 5).")


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
    vibe = vibe_field(help_text="A vibe's slug: the one their work is known for.")
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


# --- payouts ------------------------------------------------------------------------------

ACCOUNT_STATES = ("none", "incomplete", "restricted", "ready")


class PayoutAccountSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=ACCOUNT_STATES,
                                    help_text="`none` (not started), `incomplete`, `restricted` (the provider "
                                              "needs more details) or `ready` (transfers go out).")
    account_id = serializers.CharField(allow_null=True, help_text="The gateway's account id (acct_...).")
    gateway = serializers.CharField(allow_null=True, help_text="`stripe`, or `test` for the built-in test gateway.")
    payouts_enabled = serializers.BooleanField()
    charges_enabled = serializers.BooleanField()
    details_submitted = serializers.BooleanField()
    date_onboarded = serializers.DateTimeField(allow_null=True)

    def to_representation(self, account):  # None: the artist has not started onboarding
        if account is None:
            return {"state": "none", "account_id": None, "gateway": None, "payouts_enabled": False,
                    "charges_enabled": False, "details_submitted": False, "date_onboarded": None}
        return {**super().to_representation(account), "state": account.state}


class PayoutTransferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order_number = serializers.CharField(source="order.number")
    amount = serializers.DecimalField(**MONEY, help_text="Your net of the order: price minus commission, "
                                                         "less refunds made before it was sent.")
    amount_reversed = serializers.DecimalField(**MONEY, help_text="Taken back after a refund.")
    currency = serializers.CharField()
    status = serializers.ChoiceField(choices=TransferStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    date_created = serializers.DateTimeField()
    date_updated = serializers.DateTimeField()
    date_paid = serializers.DateTimeField(allow_null=True)
    date_reversed = serializers.DateTimeField(allow_null=True)


class PayoutListSerializer(serializers.Serializer):
    """One page of the caller's transfers (newest first), with their payout account."""

    account = PayoutAccountSerializer()
    test_mode = serializers.BooleanField(help_text="True when the built-in test gateway stands in for Stripe.")
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PayoutTransferSerializer(many=True)
