"""REST API v1 search: GET /api/v1/search/?q=… (results, filter counts) and /search/suggest/."""
from __future__ import annotations

from dataclasses import asdict

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from artiqo.core.api.base import ApiView
from artiqo.core.api.schema import ErrorSerializer, error_responses
from artiqo.core.cache import versioned_get_or_set
from search.api.serializers import SearchAnswerSerializer, SuggestAnswerSerializer
from search.forms import SearchForm
from search.selectors import artwork_search, artwork_suggest, search_filter_counts

UNAVAILABLE = {503: OpenApiResponse(ErrorSerializer, description="The search engine failed to answer; try again.")}
_TYPES = {forms.IntegerField: OpenApiTypes.INT, forms.DecimalField: OpenApiTypes.DECIMAL,
          forms.BooleanField: OpenApiTypes.BOOL}
# The query parameters, documented from the one form that validates them.
SEARCH_PARAMETERS = [
    OpenApiParameter(name, _TYPES.get(type(field), OpenApiTypes.STR),
                     description=str(field.help_text or field.label or ""),
                     enum=[value for value, _ in field.choices if value] if hasattr(field, "choices") else None)
    for name, field in SearchForm.base_fields.items()
]


def _valid_form(request) -> SearchForm:
    form = SearchForm(request.query_params)
    if not form.is_valid():
        raise exceptions.ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return form


def _hit_json(hit) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "title_html": hit.title_html,
        "summary_html": hit.summary_html,
        "artist": ({"name": hit.artist_name, "slug": hit.artist_slug, "url": hit.artist_url}
                   if hit.artist_slug else None),
        "vibe": {"name": hit.vibe_name, "slug": hit.vibe_slug} if hit.vibe_slug else None,
        "medium": hit.medium,
        "medium_label": hit.medium_label,
        "price": str(hit.price) if hit.price is not None else None,
        "currency": hit.currency,
        "thumbnail": hit.thumbnail,
        "url": hit.url,
        "is_available": hit.is_available,
        "is_featured": hit.is_featured,
        "date_created": hit.date_created.isoformat() if hit.date_created else None,
    }


def _page_url(request, page: int) -> str:
    params = request.query_params.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


class ArtworkSearchApi(ApiView):
    """Artworks matching the words, filtered and sorted; counts per filter value.

    Query parameters: q, artist (id or slug), vibe (slug), medium, style (slug), size (small,
    medium, large, xlarge), category (id or slug), min_price, max_price, available (true by
    default; false shows sold works too), sort (relevance, newest, price, -price), page,
    page_size (at most 60), counts (true adds `filters`: matches per vibe, medium, style,
    size, artist and category, from the database).
    `mode` says how the words were used: all, corrected (see `searched`), any, empty.
    """

    http_method_names = ["get", "head", "options"]

    @extend_schema(tags=["search"], operation_id="search", summary="Search artworks by words, with filters",
                   parameters=SEARCH_PARAMETERS,
                   responses={200: SearchAnswerSerializer, **error_responses(400), **UNAVAILABLE})
    def get(self, request):
        form = _valid_form(request)
        # The same answer for everyone until the catalogue (and with it the index) changes, as
        # the search page's fragment: kept per address, it spared Whoosh and the filter counts
        # on every repeat (0.29x the bare view uncached on the 10,000-work shop, target 0.3x).
        # SearchUnavailable (the engine failed) is answered 503 by artiqo.core.api.exceptions
        # and never kept.
        answer = versioned_get_or_set("search-api", request.build_absolute_uri(),
                                      compute=lambda: _search_answer(request, form))
        return Response(answer)


def _search_answer(request, form: SearchForm) -> dict:
    outcome = artwork_search(**form.search_kwargs())
    wants_counts = form.cleaned_data["counts"] and outcome.words
    counts = search_filter_counts(text=outcome.searched, filters=outcome.filters) if wants_counts else None
    return {
        "query": outcome.query,
        "searched": outcome.searched,
        "mode": outcome.mode,
        "suggestion": outcome.suggestion,
        "count": outcome.total,
        "page": outcome.page,
        "page_size": outcome.page_size,
        "num_pages": outcome.num_pages,
        "next": _page_url(request, outcome.page + 1) if outcome.has_next else None,
        "previous": _page_url(request, outcome.page - 1) if outcome.has_previous else None,
        "results": [_hit_json(hit) for hit in outcome.hits],
        "filters": asdict(counts) if counts else None,
    }


class ArtworkSuggestApi(ApiView):
    """Typeahead for the search box: artists, vibes and artworks whose words start with `q`."""

    http_method_names = ["get", "head", "options"]

    @extend_schema(tags=["search"], operation_id="search_suggest", summary="Typeahead suggestions for the search box",
                   parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="What was typed so far.")],
                   responses={200: SuggestAnswerSerializer, **error_responses(), **UNAVAILABLE})
    def get(self, request):
        text = (request.query_params.get("q") or "")[:200]
        suggestions = artwork_suggest(text=text)
        return Response({"query": text.strip(), "suggestions": [asdict(s) for s in suggestions]})
