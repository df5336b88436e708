"""Shapes of the catalogue endpoints: artwork cards and details, artists, browse filters."""
from __future__ import annotations

import re

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from artiqo.core.api.base import absolute_url
from storefront.catalogue.models import Medium, Orientation, SizeBand, style_key
from storefront.catalogue.selectors import ArtworkFilters

# Ids travel as text in filters; more digits than a 64-bit key can hold is not an id.
_ID_OR_SLUG = re.compile(r"^(?:[0-9]{1,18}|(?![0-9]+$)[-a-zA-Z0-9_]{1,120})$")
ORDERING_CHOICES = ["newest", "price", "-price"]


class IdOrSlugField(serializers.CharField):
    """An id (digits) or a slug."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not _ID_OR_SLUG.match(value):
            raise serializers.ValidationError("Give an id (digits) or a slug (letters, digits, - and _).")
        return value


class ArtworkFilterSerializer(serializers.Serializer):
    """Query parameters of the artwork list."""

    artist = IdOrSlugField(required=False, help_text="Artist id or slug.")
    category = IdOrSlugField(required=False, help_text="Category id or slug (includes subcategories).")
    vibe = serializers.SlugField(required=False, max_length=40, help_text="Vibe slug, e.g. `calm`.")
    medium = serializers.ChoiceField(choices=Medium.choices, required=False)
    style = serializers.SlugField(required=False, max_length=80,
                                  help_text="Style / subject as a slug, e.g. `still-life` (see `style_key` on cards).")
    size = serializers.ChoiceField(choices=SizeBand.choices, required=False,
                                   help_text="Size by the longest side: small (≤ 30 cm), medium (≤ 60 cm), large "
                                             "(≤ 100 cm), xlarge (over 100 cm).")
    wall_width = serializers.DecimalField(max_digits=7, decimal_places=1, min_value=1, required=False,
                                          help_text="Fits a wall space this wide (cm): works at most this wide.")
    wall_height = serializers.DecimalField(max_digits=7, decimal_places=1, min_value=1, required=False,
                                           help_text="Fits a wall space this high (cm): works at most this high.")
    orientation = serializers.ChoiceField(choices=Orientation.choices, required=False,
                                          help_text="portrait, landscape or square (sides within 5%).")
    min_price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)
    max_price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)
    available = serializers.BooleanField(required=False, allow_null=True, default=None,
                                         help_text="true: only for sale now; false: only sold.")
    ordering = serializers.ChoiceField(choices=ORDERING_CHOICES, required=False, default="newest")
    featured_first = serializers.BooleanField(
        required=False, default=True,
        help_text="Works featured right now come first (each group in `ordering`); false: plain `ordering`.")

    def validate(self, attrs):
        low, high = attrs.get("min_price"), attrs.get("max_price")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"max_price": ["max_price must not be below min_price."]})
        return attrs

    def filters(self) -> ArtworkFilters:
        return ArtworkFilters(**self.validated_data)


class ArtistRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class VibeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class DimensionsSerializer(serializers.Serializer):
    width_cm = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    height_cm = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    label = serializers.CharField(source="dimensions", help_text="e.g. `40 × 30 cm`; empty when unknown.")
    size = serializers.CharField(source="size_band",
                                 help_text="Size band (the `size` filter): small, medium, large, xlarge; empty when "
                                           "unknown.")


class AvailabilitySerializer(serializers.Serializer):
    is_available = serializers.BooleanField()
    num_available = serializers.IntegerField(source="net_stock", help_text="How many can still be bought.")


class ImageSerializer(serializers.Serializer):
    original = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()
    caption = serializers.CharField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_original(self, image) -> str:
        return absolute_url(self.context.get("request"), image.original.url)

    @extend_schema_field(OpenApiTypes.URI)
    def get_thumbnail(self, image) -> str:
        return absolute_url(self.context.get("request"), image.thumbnail_url)


class ArtworkCardSerializer(serializers.Serializer):
    """An artwork in a list: what a card shows. Prices are decimal strings, e.g. "120.00"."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    artist = ArtistRefSerializer(allow_null=True)
    vibe = VibeSerializer(allow_null=True)
    medium = serializers.CharField()
    style_key = serializers.SerializerMethodField(help_text="The style / subject as the `style` filter names it.")
    kind = serializers.CharField(help_text="`original` (one of a kind) or `edition`.")
    dimensions = DimensionsSerializer(source="*")
    price = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    currency = serializers.CharField(source="price_currency", allow_null=True)
    availability = AvailabilitySerializer(source="*")
    is_featured = serializers.SerializerMethodField(help_text="Featured right now (editorial or paid listing).")
    images = ImageSerializer(many=True, source="images.all")
    url = serializers.SerializerMethodField(help_text="The artwork's page in the shop.")
    api_url = serializers.SerializerMethodField()

    def get_style_key(self, artwork) -> str:
        return style_key(artwork.style)

    def get_is_featured(self, artwork) -> bool:
        # Annotated by the catalogue selectors; cards built elsewhere are simply not featured.
        return bool(getattr(artwork, "is_featured", False))

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, artwork) -> str:
        return absolute_url(self.context.get("request"), artwork.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, artwork) -> str:
        return absolute_url(self.context.get("request"), reverse("api:product-detail", args=[artwork.pk]))


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class ArtworkFullSerializer(ArtworkCardSerializer):
    """A card plus the artwork's texts and facts (base of the detail and the studio's view)."""

    description = serializers.CharField()
    style = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    edition_size = serializers.IntegerField(allow_null=True)
    tags = serializers.SerializerMethodField()
    colours = serializers.ListField(child=serializers.CharField(),
                                    help_text="Colour tags in plain words (e.g. `teal`, `ochre`), main colour first.")
    date_created = serializers.DateTimeField()

    def get_tags(self, artwork) -> list[str]:
        return sorted(tag.name for tag in artwork.tags.all())


class ArtworkDetailSerializer(ArtworkFullSerializer):
    """The full artwork with its categories."""

    categories = CategorySerializer(many=True, source="categories.all")


class ProductDetailSerializer(ArtworkDetailSerializer):
    """`GET products/{id}`: the artwork, and whether an unavailable one is sold or only reserved."""

    reserved_until = serializers.DateTimeField(
        allow_null=True, read_only=True, default=None,
        help_text="Set when the work is unavailable only because another buyer's unpaid order holds it: it is for "
                  "sale again then if that payment does not go through. Null when it is for sale or sold.",
    )


class ArtistSerializer(serializers.Serializer):
    """An artist in the directory."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    location = serializers.CharField()
    vibe = VibeSerializer(allow_null=True)
    accepts_commissions = serializers.BooleanField()
    available_artwork_count = serializers.IntegerField(source="artwork_count")
    url = serializers.SerializerMethodField(help_text="The artist's showcase page.")
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, artist) -> str:
        return absolute_url(self.context.get("request"), artist.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, artist) -> str:
        return absolute_url(self.context.get("request"), reverse("api:artist-detail", args=[artist.pk]))


class ArtistDetailSerializer(ArtistSerializer):
    """An artist with their artworks (newest first)."""

    statement = serializers.SerializerMethodField()
    artworks = ArtworkCardSerializer(many=True, source="artwork_rows")
    artworks_url = serializers.SerializerMethodField(help_text="The paginated list of this artist's artworks.")

    def get_statement(self, artist) -> str:
        # The showcase page is optional; a missing one-to-one raises an AttributeError.
        page = getattr(artist, "page", None)
        return page.statement if page is not None else ""

    @extend_schema_field(OpenApiTypes.URI)
    def get_artworks_url(self, artist) -> str:
        path = f"{reverse('api:product-list')}?artist={artist.pk}"
        return absolute_url(self.context.get("request"), path)
