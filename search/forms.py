"""The search form: one validation of `q`, filters, sort and paging for the page and the API.

The search page and the API build it per request, and constructing it costs no query: slugs
are checked against the database later, by the selectors, where an unknown one simply
matches nothing. (Oscar's `search_form` context processor is not used: it put this form
into every template, Wagtail's admin headers included, which render any `search_form`.)
"""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import RegexValidator

from search.selectors import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, SORTS, SearchFilters
from storefront.catalogue.models import Medium, Orientation, SizeBand

_id_or_slug = RegexValidator(r"^[-\w]+\Z", "Use an id or a slug (letters, digits, hyphens).")
_TRUE = {"", "1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", "all"}


class SearchInput(forms.TextInput):
    input_type = "search"


class QueryField(forms.CharField):
    """Free text: never invalid. Control characters (NUL included) are dropped, not refused."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = []

    def to_python(self, value):
        text = super().to_python(value)
        return "".join(ch for ch in text if ch.isprintable() or ch.isspace()).strip()


class SearchForm(forms.Form):
    """What to search for, and how to narrow and order it. Every field is optional."""

    q = QueryField(
        required=False,
        label="Search",
        widget=SearchInput(attrs={"placeholder": "Search art, artists, vibes…", "autocomplete": "off"}),
    )
    artist = forms.CharField(required=False, max_length=120, validators=[_id_or_slug])
    vibe = forms.CharField(required=False, max_length=40, validators=[_id_or_slug])
    medium = forms.ChoiceField(required=False, choices=[("", "Any medium"), *Medium.choices])
    style = forms.SlugField(required=False, max_length=80,
                            help_text="Style / subject as a slug, e.g. still-life (the counts list them).")
    size = forms.ChoiceField(
        required=False, choices=[("", "Any size"), *SizeBand.choices],
        help_text="By the longest side: small (up to 30 cm), medium (to 60), large (to 100), xlarge (over 100).",
    )
    category = forms.CharField(required=False, max_length=255, validators=[_id_or_slug])
    min_price = forms.DecimalField(required=False, min_value=0, max_digits=12, decimal_places=2)
    max_price = forms.DecimalField(required=False, min_value=0, max_digits=12, decimal_places=2)
    available = forms.CharField(
        required=False, help_text="true (the default): only works for sale; false or all: sold works too."
    )
    # Fits my wall, as on the browse page: works no wider / taller than the wall space (cm).
    wall_width = forms.DecimalField(required=False, min_value=Decimal("1"), max_digits=7, decimal_places=1,
                                    label="Wall width")
    wall_height = forms.DecimalField(required=False, min_value=Decimal("1"), max_digits=7, decimal_places=1,
                                     label="Wall height")
    orientation = forms.ChoiceField(required=False, choices=[("", "Any shape"), *Orientation.choices])
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in SORTS],
        help_text="relevance (default), newest, price (low to high), -price (high to low).",
    )
    counts = forms.BooleanField(
        required=False,
        help_text="API: also return how many matches each filter value has (the page always shows them).",
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def clean_available(self) -> bool:
        value = (self.cleaned_data.get("available") or "").strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise forms.ValidationError("Use true (only works for sale) or false (sold works too).")

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_price"), cleaned.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", "The highest price must not be below the lowest.")
        return cleaned

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            artist=data.get("artist") or "",
            vibe=data.get("vibe") or "",
            medium=data.get("medium") or "",
            style=data.get("style") or "",
            size=data.get("size") or "",
            category=data.get("category") or "",
            min_price=data.get("min_price"),
            max_price=data.get("max_price"),
            available_only=data.get("available", True),
            wall_width=data.get("wall_width"),
            wall_height=data.get("wall_height"),
            orientation=data.get("orientation") or "",
        )

    def search_kwargs(self, *, default_page_size: int = DEFAULT_PAGE_SIZE) -> dict:
        """Keyword arguments for selectors.artwork_search."""
        data = self.cleaned_data
        return {
            "text": data.get("q") or "",
            "filters": self.filters(),
            "sort": data.get("sort") or "relevance",
            "page": data.get("page") or 1,
            "page_size": data.get("page_size") or default_page_size,
        }
