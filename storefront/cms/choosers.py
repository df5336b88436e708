"""Wagtail admin choosers for catalogue artworks and artists, used by StreamField blocks and forms."""
from __future__ import annotations

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet


class _SearchForm(BaseFilterForm):
    """A plain database search box (artworks and artists are not in Wagtail's search index)."""

    q = forms.CharField(label="Search term", required=False,
                        widget=forms.TextInput(attrs={"placeholder": "Search"}))
    search_lookups: tuple[str, ...] = ()

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            condition = Q()
            for lookup in self.search_lookups:
                condition |= Q(**{lookup: query})
            objects = objects.filter(condition)
            self.is_searching, self.search_query = True, query
        return objects


class ArtworkSearchForm(_SearchForm):
    search_lookups = ("title__icontains", "artist__name__icontains", "upc__iexact")


class ArtistSearchForm(_SearchForm):
    search_lookups = ("name__icontains", "location__icontains")


class _ArtworkColumns:
    filter_form_class = ArtworkSearchForm

    @property
    def columns(self):
        return [
            self.title_column,
            Column("artist", label="Artist", accessor="artist"),
            Column("price", label="Price", accessor="price"),
            Column("is_available", label="For sale", accessor="is_available"),
        ]


class ArtworkChooseView(_ArtworkColumns, ChooseView):
    pass


class ArtworkChooseResultsView(_ArtworkColumns, ChooseResultsView):
    pass


class ArtworkChooserViewSet(ChooserViewSet):
    """Choose a public artwork (newest first), searching by title or artist."""

    model = "catalogue.Product"
    icon = "image"
    choose_one_text = "Choose an artwork"
    choose_another_text = "Choose another artwork"
    edit_item_text = "Edit this artwork"
    choose_view_class = ArtworkChooseView
    choose_results_view_class = ArtworkChooseResultsView
    per_page = 20

    def get_object_list(self):
        from storefront.catalogue.selectors import artwork_queryset

        return artwork_queryset(public_only=True).order_by("-date_created", "-pk")


class _ArtistColumns:
    filter_form_class = ArtistSearchForm

    @property
    def columns(self):
        return [self.title_column, Column("location", label="Location", accessor="location")]


class ArtistChooseView(_ArtistColumns, ChooseView):
    pass


class ArtistChooseResultsView(_ArtistColumns, ChooseResultsView):
    pass


class ArtistChooserViewSet(ChooserViewSet):
    """Choose an artist by name or place."""

    model = "artists.Artist"
    icon = "user"
    choose_one_text = "Choose an artist"
    choose_another_text = "Choose another artist"
    edit_item_text = "Edit this artist"
    choose_view_class = ArtistChooseView
    choose_results_view_class = ArtistChooseResultsView
    per_page = 20

    def get_object_list(self):
        from artists.models import Artist

        return Artist.objects.order_by("name")


artwork_chooser_viewset = ArtworkChooserViewSet("artwork_chooser", url_prefix="artwork-chooser")
artist_chooser_viewset = ArtistChooserViewSet("artist_chooser", url_prefix="artist-chooser")
