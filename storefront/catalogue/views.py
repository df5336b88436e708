"""Storefront catalogue pages: browse, category and artwork pages, read with the ORM.

Oscar's own CatalogueView browses through the Haystack search handler (~400 ms a page
at 10,000 products); these views read `storefront.catalogue.selectors` instead, a
constant number of SQL queries per page whatever its size, and none once the page's
lists are in the cache (kept until the catalogue changes: artiqo.core.cache). Oscar finds these classes
through its dynamic loading because the catalogue app is forked.
"""
from __future__ import annotations

from urllib.parse import unquote

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, TemplateView
from oscar.core.loading import get_model

from artiqo.core.cache import versioned_get_or_set
from artiqo.core.pages import visitor_page_cacheable, visitor_page_html
from storefront.catalogue.forms import SORT_CHOICES, ArtworkBrowseForm, page_number
from storefront.catalogue.selectors import (
    artist_options,
    artwork_get,
    artwork_held_for,
    artwork_pages,
    artwork_queryset,
    style_choices,
    vibe_list,
)
from storefront.catalogue.services import artwork_holds_settle
from storefront.catalogue.viewcount import artwork_view_count
from storefront.catalogue.viewlog import VIEWED_COOKIE, product_view_record, visitor_view_record

Category = get_model("catalogue", "Category")


def _query_without(params, *names: str) -> str:
    """The current query string minus `names`, for links that change only those."""
    kept = params.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


def _options(rows, *, selected: str | None) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for a filter's <select>; the filter may name a row by slug or id."""
    return [(slug, label, selected in (slug, str(pk))) for pk, slug, label in rows]


def _choice_options(form, name: str, selected: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for a choice field of the browse form."""
    return [(value, label, value == selected) for value, label in form.fields[name].choices]


def lazy_value(compute):
    """`compute()` when a template first uses it (SimpleLazyObject: iterating, len, truth work)."""
    return SimpleLazyObject(compute)


def _category_rows() -> list[tuple[int, str, str]]:
    return [(pk, slug, f"— {name}" if depth > 1 else name) for pk, slug, name, depth in
            Category.objects.filter(is_public=True).order_by("path").values_list("pk", "slug", "name", "depth")]


class CatalogueView(TemplateView):
    """`/shop/catalogue/`: every public artwork, filtered, sorted and paginated."""

    template_name = "oscar/catalogue/browse.html"

    def get(self, request, *args, **kwargs):
        # Bad filter values are ignored and reported on the page, never a server error.
        self.vibes = versioned_get_or_set("vibes", compute=lambda: list(vibe_list()))
        self.form = ArtworkBrowseForm(request.GET, vibes=self.vibes)
        self.form.is_valid()
        return super().get(request, *args, **kwargs)

    def get_filters(self) -> dict:
        return self.form.filters()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Featured works (editorial or paid) lead every browse list, labelled on their cards.
        paginator = Paginator(artwork_pages(**self.get_filters(), featured_first=True), self.form.per_page())
        page = paginator.get_page(page_number(self.request.GET.get("page")))
        params = self.request.GET
        form, cleaned = self.form, self.form.cleaned_data
        # Lazy: the page's cached fragment (browse.html) usually needs none of these.
        context.update(
            form=form,
            filter_problems=lazy_value(form.problems),
            page_obj=page,
            paginator=paginator,
            page_range=lazy_value(lambda: list(paginator.get_elided_page_range(page.number, on_each_side=2,
                                                                               on_ends=1))),
            ellipsis=paginator.ELLIPSIS,
            artworks=page.object_list,
            vibes=self.vibes,
            artist_options=lazy_value(lambda: _options(
                versioned_get_or_set("browse-artists", compute=lambda: list(artist_options())),
                selected=cleaned.get("artist"))),
            category_options=lazy_value(lambda: _options(
                versioned_get_or_set("browse-categories", compute=_category_rows), selected=cleaned.get("category"))),
            sort_choices=SORT_CHOICES,
            current_sort=cleaned.get("sort") or "newest",
            medium_options=lazy_value(lambda: _choice_options(form, "medium", cleaned.get("medium") or "")),
            style_options=lazy_value(lambda: _options(((key, key, label) for key, label in style_choices()),
                                                      selected=cleaned.get("style"))),
            size_options=lazy_value(lambda: _choice_options(form, "size", cleaned.get("size") or "")),
            availability_options=lazy_value(lambda: _choice_options(
                form, "available", {True: "1", False: "0"}.get(cleaned.get("available"), ""))),
            page_query=_query_without(params, "page"),
            sort_query=_query_without(params, "page", "sort"),
            has_filters=lazy_value(form.is_filtered),
        )
        return context


class ProductCategoryView(CatalogueView):
    """`/shop/catalogue/category/<slug>_<pk>/`: the browse page inside one category's subtree."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404("No such category")
        # Categories are found by id, so a renamed slug still lands here: send it on.
        expected = self.category.get_absolute_url()
        if unquote(expected) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def get_filters(self) -> dict:
        return {**super().get_filters(), "category": str(self.category.pk)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        full_slug = self.category.full_slug
        children = list(self.category.get_children().filter(is_public=True))
        context.update(
            category=self.category,
            # Children's URLs from the parent's slug: no ancestor lookup per child.
            subcategories=[(child, child._get_absolute_url(parent_slug=full_slug)) for child in children],
        )
        return context


class ProductDetailView(DetailView):
    """`/shop/catalogue/<slug>_<pk>/`: one artwork with its gallery, facts, price and cart form.

    Oscar's view sends `product_viewed` inside every request and its analytics receiver
    updates shared counter rows, which under load makes SQLite answer "database is
    locked". This page writes nothing for visitors (what they looked at goes back to them in
    a signed cookie: storefront.catalogue.viewlog); for a signed-in buyer it inserts one
    view row (the recommender's signal) after the page is rendered, never failing it.
    """

    context_object_name = "product"
    template_name = "oscar/catalogue/detail.html"

    def get_queryset(self):
        return artwork_queryset(public_only=False).prefetch_related("tags", "categories")

    def get_object(self, queryset=None):
        # The cached artwork (artwork_get): no query for a page visited before.
        if queryset is None and "pk" in self.kwargs:
            artwork = artwork_get(pk=self.kwargs["pk"], public_only=False)
            if artwork is None:
                raise Http404("No such artwork")
            return artwork
        return super().get_object(queryset)

    def get(self, request, *args, **kwargs):
        self.object = product = self.get_object()
        if not (product.is_public or request.user.is_staff):
            raise Http404("No such artwork")
        # Sold, or only reserved by another buyer's unpaid order? (Lapsed holds end here.)
        self.object = product = artwork_holds_settle(artwork=product, reload=self.get_object)
        expected = product.get_absolute_url()
        if unquote(expected) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected)
        if product.is_public and not product.reserved_until and visitor_page_cacheable(
                request, own_cookies=(VIEWED_COOKIE,)):
            return self._visitor_page(product)
        response = self.render_to_response(self.get_context_data(object=product))
        if not request.user.is_authenticated and product.is_public:
            # Before the page renders, so its "because you looked at" picks count this work too.
            visitor_view_record(request=request, response=response, product_id=product.pk)
        # The artist's numbers: a cache counter, flushed to the database in batches (no write here).
        response.add_post_render_callback(lambda rendered: artwork_view_count(artwork=product, user=request.user))
        if request.user.is_authenticated:
            response.add_post_render_callback(lambda rendered: product_view_record(product=product, user=request.user))
        return response

    def _visitor_page(self, product):
        """The page every visitor without state of their own sees, kept until the catalogue changes.

        A reserved work is never kept: its page counts down to the end of the reservation.
        """
        response = HttpResponse()
        # Before the page is filled, so its "because you looked at" picks count this work too.
        visitor_view_record(request=self.request, response=response, product_id=product.pk)
        response.content = visitor_page_html(
            request=self.request, parts=("artwork-page", product.pk),
            render=lambda csrf_token: self.render_to_response(
                self.get_context_data(object=product, csrf_token=csrf_token)).render().content.decode())
        artwork_view_count(artwork=product, user=self.request.user)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        images = list(product.images.all())
        max_quantity = max(product.net_stock or 0, 0)
        context.update(
            artist=product.artist,
            images=images,
            primary_image=images[0] if images else None,
            tags=list(product.tags.all()),
            categories=list(product.categories.all()),
            max_quantity=max_quantity,
            held_for_you=artwork_held_for(artwork=product, user=self.request.user),
        )
        return context
