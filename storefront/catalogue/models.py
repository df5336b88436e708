"""Artworks: Oscar's Product forked with concrete, indexed fields for an art marketplace.

Concrete columns (artist, vibe, medium, size, year, kind) instead of Oscar's EAV
attributes keep browse filters and facets single SQL queries.
"""
from decimal import Decimal

from django.db import models
from django.utils.text import slugify
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductImage
from taggit.managers import TaggableManager


class Vibe(models.Model):
    """A curated mood an artwork carries (calm, bold, dreamy...); admins edit the list."""

    name = models.CharField(max_length=40, unique=True)
    slug = models.SlugField(max_length=40, unique=True)
    description = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Medium(models.TextChoices):
    OIL = "oil", "Oil"
    ACRYLIC = "acrylic", "Acrylic"
    WATERCOLOUR = "watercolour", "Watercolour"
    GOUACHE = "gouache", "Gouache"
    INK = "ink", "Ink"
    CHARCOAL = "charcoal", "Charcoal"
    PENCIL = "pencil", "Pencil"
    PASTEL = "pastel", "Pastel"
    MIXED = "mixed-media", "Mixed media"
    DIGITAL = "digital", "Digital"
    PRINTMAKING = "printmaking", "Printmaking"
    PHOTOGRAPHY = "photography", "Photography"


class Orientation(models.TextChoices):
    """A work's shape: taller than wide, wider than tall, or square (sides within 5% of each other)."""

    PORTRAIT = "portrait", "Portrait"
    LANDSCAPE = "landscape", "Landscape"
    SQUARE = "square", "Square"


# Sides within this share of the longer one count as square (a 60 × 58 cm canvas is square to the eye).
SQUARE_TOLERANCE = Decimal("0.05")


class SizeBand(models.TextChoices):
    """Sizes a buyer filters on, by the work's longest side (works without dimensions have none)."""

    SMALL = "small", "Small (up to 30 cm)"
    MEDIUM = "medium", "Medium (30–60 cm)"
    LARGE = "large", "Large (60–100 cm)"
    XLARGE = "xlarge", "Very large (over 100 cm)"


# The longest side (cm) each band goes up to, inclusive; the last band has no limit.
SIZE_BAND_UPPER_CM = {SizeBand.SMALL: 30, SizeBand.MEDIUM: 60, SizeBand.LARGE: 100, SizeBand.XLARGE: None}


def size_band_of(width_cm, height_cm) -> str:
    """The size band of a work of these dimensions ("" without both)."""
    if width_cm is None or height_cm is None:
        return ""
    longest = max(width_cm, height_cm)
    for band, upper in SIZE_BAND_UPPER_CM.items():
        if upper is None or longest <= upper:
            return band.value
    return ""


def style_key(style: str) -> str:
    """How a style / subject is named in filters and URLs: "Still life" → "still-life"."""
    return slugify(style or "")


class ArtworkKind(models.TextChoices):
    ORIGINAL = "original", "Original (one of a kind)"
    EDITION = "edition", "Limited edition print"


class FeatureStatus(models.TextChoices):
    """Where a feature of a work stands; only an active one within its dates makes the work featured.

    The catalogue owns what "featured" means (storefront.catalogue.selectors); billing sells
    features and editors add them, both as billing's FeaturedListing rows.
    """

    PENDING = "pending", "Awaiting payment"
    ACTIVE = "active", "Active"
    CANCELLED = "cancelled", "Cancelled"


class Product(AbstractProduct):
    """An artwork for sale; price and stock live in Oscar's stock record (one per work)."""

    artist = models.ForeignKey(
        "artists.Artist", null=True, blank=True, on_delete=models.PROTECT, related_name="artworks"
    )
    vibe = models.ForeignKey(Vibe, null=True, blank=True, on_delete=models.PROTECT, related_name="artworks")
    tags = TaggableManager(blank=True, help_text="Free tags, comma separated")
    # Colour tags: names from storefront.catalogue.palette.NAMED_COLOURS, main colour first
    # (suggested from the image at upload, kept or changed by the artist).
    colours = models.JSONField(default=list, blank=True)
    medium = models.CharField(max_length=20, choices=Medium.choices, blank=True, db_index=True)
    style = models.CharField("Style / subject", max_length=80, blank=True)
    width_cm = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=ArtworkKind.choices, default=ArtworkKind.ORIGINAL)
    edition_size = models.PositiveIntegerField(null=True, blank=True)

    class Meta(AbstractProduct.Meta):
        indexes = [
            models.Index(fields=["is_public", "-date_created"], name="artwork_public_newest"),
            models.Index(fields=["artist", "is_public"], name="artwork_artist_public"),
            models.Index(fields=["vibe", "is_public"], name="artwork_vibe_public"),
        ]

    @property
    def is_original(self) -> bool:
        return self.kind == ArtworkKind.ORIGINAL

    @property
    def dimensions(self) -> str:
        if self.width_cm is None or self.height_cm is None:
            return ""
        return f"{self.width_cm:g} × {self.height_cm:g} cm"

    @property
    def size_band(self) -> str:
        return size_band_of(self.width_cm, self.height_cm)


class ArtworkViewDay(models.Model):
    """How many times a work's page was seen on one day (its artist's own visits not counted).

    Written by `manage.py flush_artwork_views` from the cache's counters
    (storefront.catalogue.viewcount), never on the page's request.
    """

    artwork = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="view_days")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["artwork", "day"], name="artwork_view_day_once")]
        indexes = [models.Index(fields=["day"], name="artwork_view_day_day")]

    def __str__(self):
        return f"{self.artwork_id} on {self.day}: {self.views}"


class ProductImage(AbstractProductImage):
    """An artwork image with a thumbnail made once at upload, so list pages never resize."""

    thumbnail = models.ImageField(upload_to="images/thumbs/%Y/%m/", max_length=255, blank=True)

    class Meta(AbstractProductImage.Meta):
        pass

    @property
    def thumbnail_url(self) -> str:
        return (self.thumbnail or self.original).url


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
