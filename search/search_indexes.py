"""The artwork search index: what is searched, and the stored fields a result card shows."""
from __future__ import annotations

from decimal import Decimal

from django.utils.html import strip_tags
from haystack import indexes

from search.selectors import artwork_index_queryset
from storefront.catalogue.models import SQUARE_TOLERANCE, Orientation, size_band_of, style_key

SUMMARY_LENGTH = 320
# Treebeard paths grow by 4 characters a level; indexing every prefix lets a filter on a
# parent category match works filed under its children with one term.
CATEGORY_STEP = 4


def orientation_of(width, height) -> str:
    """Portrait, landscape or square, as orientation_condition in storefront.catalogue.selectors ("" sizeless)."""
    if width is None or height is None:
        return ""
    keep = Decimal(1) - SQUARE_TOLERANCE
    width, height = Decimal(width), Decimal(height)
    if width < height * keep:
        return Orientation.PORTRAIT.value
    if height < width * keep:
        return Orientation.LANDSCAPE.value
    return Orientation.SQUARE.value


class ArtworkIndex(indexes.SearchIndex, indexes.Indexable):
    """Public artworks; sold ones stay indexed (flagged) so the filter can show them."""

    # Everything a buyer may type: title, artist, vibe, tags, medium, style, categories, description.
    text = indexes.CharField(document=True)
    # Searched again with a boost (see search.query.FIELD_WEIGHTS) and shown on the card.
    title = indexes.CharField(model_attr="title")
    artist_name = indexes.CharField(null=True)
    vibe_name = indexes.CharField(null=True)
    # Typeahead: word prefixes of the title, the artist's name and the vibe.
    suggest = indexes.EdgeNgramField(stored=False)

    # Filters and sorting (artwork_id lets filter counts map matches to rows without loading them).
    artwork_id = indexes.IntegerField(model_attr="pk", stored=False)
    artist_id = indexes.IntegerField(model_attr="artist_id", null=True, stored=False)
    vibe_id = indexes.IntegerField(model_attr="vibe_id", null=True, stored=False)
    medium_key = indexes.MultiValueField(stored=False)
    style_key = indexes.MultiValueField(stored=False)
    size_band = indexes.MultiValueField(stored=False)
    category_paths = indexes.MultiValueField(stored=False)
    # The categories a work is filed under (no parents): what the category counts tally.
    category_leaf_paths = indexes.MultiValueField(stored=False)
    price = indexes.FloatField(null=True)
    # Fits my wall: the work as it hangs (cm), and its shape; sizeless works have neither.
    width_cm = indexes.FloatField(null=True, stored=False)
    height_cm = indexes.FloatField(null=True, stored=False)
    orientation = indexes.MultiValueField(stored=False)
    is_available = indexes.BooleanField()
    date_created = indexes.DateTimeField(model_attr="date_created")
    featured_until = indexes.DateTimeField(null=True)

    # Display only: the card needs no database query.
    artist_slug = indexes.CharField(null=True, indexed=False)
    artist_url = indexes.CharField(null=True, indexed=False)
    vibe_slug = indexes.CharField(null=True, indexed=False)
    medium = indexes.CharField(model_attr="medium", indexed=False)
    medium_label = indexes.CharField(indexed=False)
    price_text = indexes.CharField(null=True, indexed=False)
    currency = indexes.CharField(null=True, indexed=False)
    thumbnail = indexes.CharField(indexed=False)
    url = indexes.CharField(indexed=False)
    summary = indexes.CharField(indexed=False)

    def get_model(self):
        from storefront.catalogue.models import Product

        return Product

    def index_queryset(self, using=None):
        return artwork_index_queryset()

    def read_queryset(self, using=None):
        return artwork_index_queryset()

    def get_updated_field(self):
        return "date_updated"

    # Tags, categories and thumbnail come attached by selectors.artwork_index_objects on
    # Artiqo's own paths, and from the prefetched relations when Haystack's update_index
    # iterates artwork_index_queryset.
    def _tags(self, obj) -> list[str]:
        return obj.search_tags if hasattr(obj, "search_tags") else [tag.name for tag in obj.tags.all()]

    def _categories(self, obj) -> list[tuple[str, str]]:
        if hasattr(obj, "search_categories"):
            return obj.search_categories
        return [(category.name, category.path) for category in obj.categories.all()]

    def prepare_text(self, obj) -> str:
        parts = [
            obj.title,
            obj.artist.name if obj.artist else "",
            obj.vibe.name if obj.vibe else "",
            " ".join(self._tags(obj)),
            obj.get_medium_display(),
            obj.style,
            " ".join(name for name, _ in self._categories(obj)),
            strip_tags(obj.description or ""),
        ]
        return "\n".join(part for part in parts if part)

    def prepare_artist_name(self, obj) -> str | None:
        return obj.artist.name if obj.artist else None

    def prepare_vibe_name(self, obj) -> str | None:
        return obj.vibe.name if obj.vibe else None

    def prepare_suggest(self, obj) -> str:
        return " ".join(filter(None, [obj.title, self.prepare_artist_name(obj), self.prepare_vibe_name(obj)]))

    def prepare_medium_key(self, obj) -> list[str]:
        return [obj.medium] if obj.medium else []

    def prepare_style_key(self, obj) -> list[str]:
        key = style_key(obj.style)
        return [key] if key else []

    def prepare_size_band(self, obj) -> list[str]:
        band = size_band_of(obj.width_cm, obj.height_cm)
        return [band] if band else []

    def prepare_category_paths(self, obj) -> list[str]:
        paths = set()
        for _, path in self._categories(obj):
            paths.update(path[:end] for end in range(CATEGORY_STEP, len(path) + 1, CATEGORY_STEP))
        return sorted(paths)

    def prepare_category_leaf_paths(self, obj) -> list[str]:
        return sorted({path for _, path in self._categories(obj)})

    def prepare_width_cm(self, obj) -> float | None:
        return float(obj.width_cm) if obj.width_cm is not None and obj.height_cm is not None else None

    def prepare_height_cm(self, obj) -> float | None:
        return float(obj.height_cm) if obj.width_cm is not None and obj.height_cm is not None else None

    def prepare_orientation(self, obj) -> list[str]:
        shape = orientation_of(obj.width_cm, obj.height_cm)
        return [shape] if shape else []

    def prepare_price(self, obj) -> float | None:
        return float(obj.price) if obj.price is not None else None

    def prepare_price_text(self, obj) -> str | None:
        # Money travels as a Decimal string; the float above is only for ranges and sorting.
        return str(obj.price) if obj.price is not None else None

    def prepare_currency(self, obj) -> str | None:
        return obj.price_currency

    def prepare_is_available(self, obj) -> bool:
        return bool(obj.is_available)

    def prepare_featured_until(self, obj):
        # Annotated by artwork_index_queryset from the featured-listings hook.
        return getattr(obj, "search_featured_until", None)

    def prepare_artist_slug(self, obj) -> str | None:
        return obj.artist.slug if obj.artist else None

    def prepare_artist_url(self, obj) -> str | None:
        return obj.artist.get_absolute_url() if obj.artist else None

    def prepare_vibe_slug(self, obj) -> str | None:
        return obj.vibe.slug if obj.vibe else None

    def prepare_medium_label(self, obj) -> str:
        return obj.get_medium_display()

    def prepare_thumbnail(self, obj) -> str:
        if hasattr(obj, "search_thumbnail"):
            return obj.search_thumbnail
        images = obj.images.all()
        return images[0].thumbnail_url if images else ""

    def prepare_url(self, obj) -> str:
        return obj.get_absolute_url()

    def prepare_summary(self, obj) -> str:
        text = " ".join(strip_tags(obj.description or "").split())
        return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"
