"""Forms of the storefront catalogue pages: the browse filters and the artwork page's cart form."""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import RegexValidator

from storefront.catalogue.models import Medium, Orientation, SizeBand

PAGE_SIZE = 24
MAX_PAGE_SIZE = 96

SORT_CHOICES = [
    ("newest", "Newest first"),
    ("price_asc", "Price: low to high"),
    ("price_desc", "Price: high to low"),
]
AVAILABILITY_CHOICES = [("", "All works"), ("1", "Available now"), ("0", "Sold")]

# Artists and categories are named in the query string by slug or id; anything else is
# refused before it reaches the database.
_slug_or_id = RegexValidator(r"^[-\w]+$", "Use the name from the list.")


def page_number(raw) -> int:
    """The page asked for in a query string, from 1; nonsense means the first page."""
    try:
        return max(int(raw), 1)
    except (TypeError, ValueError):
        return 1


class ArtworkBrowseForm(forms.Form):
    """The filters and sort of the browse pages, read from the query string.

    Every field is optional; a field whose value does not validate is left out of the
    filters (and reported to the visitor) rather than failing the page.
    """

    artist = forms.CharField(required=False, max_length=120, validators=[_slug_or_id])
    category = forms.CharField(required=False, max_length=255, validators=[_slug_or_id])
    vibe = forms.ChoiceField(required=False, choices=())
    medium = forms.ChoiceField(required=False, choices=[("", "Any medium"), *Medium.choices])
    # Any style key is accepted (styles are the artists' words); one that names no style matches nothing.
    style = forms.SlugField(required=False, max_length=80, label="Style / subject")
    size = forms.ChoiceField(required=False, choices=[("", "Any size"), *SizeBand.choices])
    wall_width = forms.DecimalField(required=False, min_value=Decimal("1"), max_digits=7, decimal_places=1,
                                    label="Wall width")
    wall_height = forms.DecimalField(required=False, min_value=Decimal("1"), max_digits=7, decimal_places=1,
                                     label="Wall height")
    orientation = forms.ChoiceField(required=False, choices=[("", "Any shape"), *Orientation.choices])
    min_price = forms.DecimalField(required=False, min_value=Decimal("0"), max_digits=12, decimal_places=2,
                                   label="Min price")
    max_price = forms.DecimalField(required=False, min_value=Decimal("0"), max_digits=12, decimal_places=2,
                                   label="Max price")
    available = forms.TypedChoiceField(required=False, choices=AVAILABILITY_CHOICES, empty_value=None,
                                       coerce=lambda value: value == "1", label="Availability")
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def __init__(self, *args, vibes=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The caller already holds the vibe list for the filter bar: no second query.
        self.fields["vibe"].choices = [("", "Any vibe"), *((vibe.slug, vibe.name) for vibe in vibes)]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_price"), cleaned.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", "The maximum price is below the minimum price.")
        return cleaned

    def filters(self) -> dict:
        """Keyword arguments for `artwork_list`, from the fields that validated."""
        cleaned = self.cleaned_data
        return {
            "artist": cleaned.get("artist") or None,
            "category": cleaned.get("category") or None,
            "vibe": cleaned.get("vibe") or None,
            "medium": cleaned.get("medium") or None,
            "style": cleaned.get("style") or None,
            "size": cleaned.get("size") or None,
            "wall_width": cleaned.get("wall_width"),
            "wall_height": cleaned.get("wall_height"),
            "orientation": cleaned.get("orientation") or None,
            "min_price": cleaned.get("min_price"),
            "max_price": cleaned.get("max_price"),
            "available": cleaned.get("available"),
            "ordering": cleaned.get("sort") or "newest",
        }

    def is_filtered(self) -> bool:
        """Whether any filter (not the sort or page size) narrows the list."""
        return any(value not in (None, "") for key, value in self.filters().items() if key != "ordering")

    def per_page(self) -> int:
        return self.cleaned_data.get("page_size") or PAGE_SIZE

    def problems(self) -> list[str]:
        """One sentence per ignored filter, fit to show above the results."""
        return [
            f"{self.fields[name].label or name.replace('_', ' ').capitalize()}: {' '.join(errors)} (ignored)"
            for name, errors in self.errors.items()
        ]


class ArtworkQuantityForm(forms.Form):
    """How many of an artwork to put in the cart (the artwork page's add-to-cart form)."""

    quantity = forms.IntegerField(min_value=1, max_value=999, initial=1)
