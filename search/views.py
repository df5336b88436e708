"""The search results page (/shop/search/?q=…): words, filters with counts, sort, pages."""
from __future__ import annotations

import operator
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views import View

from search.forms import SearchForm
from search.selectors import SearchUnavailable, artwork_search, search_filter_counts

FACETS = (("vibe", "Vibe", "vibes"), ("medium", "Medium", "media"), ("style", "Style / subject", "styles"),
          ("size", "Size (longest side)", "sizes"), ("artist", "Artist", "artists"),
          ("category", "Category", "categories"))
SORTS = (("relevance", "Best match"), ("newest", "Newest"), ("price", "Price, low to high"),
         ("-price", "Price, high to low"))
FILTER_PARAMS = ("artist", "vibe", "medium", "style", "size", "category", "min_price", "max_price", "available",
                 "wall_width", "wall_height", "orientation", "sort")
# Set in the filters form itself (price, fits my wall), so not carried as hidden fields there.
FORM_PARAMS = ("min_price", "max_price", "wall_width", "wall_height", "orientation")


def _link(params: dict, **changes) -> str:
    merged = {key: value for key, value in {**params, **changes}.items() if value not in (None, "")}
    return "?" + urlencode(merged)


def _facet_groups(params: dict, counts) -> list[dict]:
    """Sidebar links: each value with its count; clicking the active one clears it."""
    groups = []
    for key, title, attribute in FACETS:
        current = params.get(key, "")
        options = [
            {"label": item.label, "count": item.count, "active": item.value == current,
             "url": _link(params, **{key: "" if item.value == current else item.value})}
            for item in getattr(counts, attribute)
        ]
        if options:
            groups.append({"title": title, "options": options})
    return groups


class SearchView(View):
    """Thin: validate with SearchForm, ask the selectors, render (400 on bad filters)."""

    template_name = "search/results.html"

    def get(self, request):
        form = SearchForm(request.GET)
        context = {"form": form, "query": (request.GET.get("q") or "").strip()[:200]}
        params = {key: value for key, value in request.GET.items() if key != "page" and value}
        context["kept_filters"] = [(key, params[key]) for key in FILTER_PARAMS if key in params]
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        # Searched when the template first needs a result: the page's cached fragment
        # (results.html) usually needs none, and then the engine is not asked at all.
        results = SimpleLazyObject(lambda: _results(form, params))
        lazy = {name: SimpleLazyObject(partial(operator.getitem, results, name)) for name in RESULT_NAMES}
        try:
            return render(request, self.template_name, {**context, **lazy})
        except SearchUnavailable:
            context["unavailable"] = True
            return render(request, self.template_name, context, status=503)


RESULT_NAMES = ("outcome", "counts", "facet_groups", "price_kept", "sort_links", "availability_url", "suggestion_url",
                "first_url", "previous_url", "next_url")


def _results(form: SearchForm, params: dict) -> dict:
    """The page's results: the engine's answer, the filter counts and the links around them."""
    outcome = artwork_search(**form.search_kwargs(default_page_size=settings.OSCAR_PRODUCTS_PER_PAGE))
    counts = search_filter_counts(text=outcome.searched, filters=outcome.filters) if outcome.words else None
    current_sort = form.cleaned_data.get("sort") or "relevance"
    return dict(
        outcome=outcome,
        counts=counts,
        facet_groups=_facet_groups(params, counts) if counts else [],
        price_kept=[(key, value) for key, value in params.items() if key not in FORM_PARAMS],
        sort_links=[{"label": label, "url": _link(params, sort=value), "current": value == current_sort}
                    for value, label in SORTS],
        availability_url=_link(params, available="all" if outcome.filters.available_only else ""),
        suggestion_url=_link(params, q=outcome.suggestion) if outcome.suggestion else "",
        first_url=_link(params),
        previous_url=_link(params, page=outcome.page - 1) if outcome.has_previous else "",
        next_url=_link(params, page=outcome.page + 1) if outcome.has_next else "",
    )
