"""The buyer's Favourites and Following pages (account area) and the digest's unsubscribe page.

Hearts and Follow buttons elsewhere are driven by collectors/static/collectors/collect.js
through the API; these pages list what they saved. The unsubscribe page works without
signing in (the link carries a signed token) and changes nothing on GET (mail scanners open links).
"""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer.mixins import PageTitleMixin

from artiqo.core.errors import NotFound
from collectors import selectors, services

PER_PAGE = 24


def _paged(request, queryset) -> dict:
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return {"page_obj": page, "paginator": page.paginator, "is_paginated": page.has_other_pages(),
            "page_range": page.paginator.get_elided_page_range(page.number), "ellipsis": Paginator.ELLIPSIS}


@method_decorator(login_required, name="dispatch")
class FavouriteListView(PageTitleMixin, generic.TemplateView):
    template_name = "collectors/favourites.html"
    page_title = _("Favourites")
    active_tab = "favourites"

    def get_context_data(self, **kwargs):
        context = _paged(self.request, selectors.favourite_artwork_list(user=self.request.user))
        return super().get_context_data(artworks=list(context["page_obj"]), **context, **kwargs)


@method_decorator(login_required, name="dispatch")
class FollowingListView(PageTitleMixin, generic.TemplateView):
    template_name = "collectors/following.html"
    page_title = _("Following")
    active_tab = "following"

    def get_context_data(self, **kwargs):
        context = _paged(self.request, selectors.followed_artist_list(user=self.request.user))
        return super().get_context_data(artists=list(context["page_obj"]), **context, **kwargs)


def digest_unsubscribe(request, token):
    """GET: a button to stop the digest; POST: stop it (no sign-in: the signed token says who)."""
    if request.method == "POST":
        try:
            services.digest_unsubscribe(token=token)
        except NotFound:
            return render(request, "collectors/unsubscribe.html", {"invalid": True}, status=404)
        return render(request, "collectors/unsubscribe.html", {"done": True})
    return render(request, "collectors/unsubscribe.html", {})
