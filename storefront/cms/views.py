"""Wagtail's page view, with the routing kept in the cache until the site's content changes.

Wagtail finds a page anew on every request: the site for the host, the page for the path
(and its specific type), then the view restrictions of the page and its ancestors, four
queries before the page renders. Published pages change only through the events that
bump the catalogue's cache version (artiqo.core.cache; storefront.cms.receivers: a publish,
unpublish, move or deletion, a site or a view restriction saved), so the route found is
kept under that version and a later request hands it to Wagtail's own `serve`, which then
runs as usual (its hooks, the restriction check, `page.serve`).
"""
from __future__ import annotations

from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from artiqo.core.cache import versioned_get_or_set


def _route(request, path: str):
    """(site, route, restrictions) as Wagtail finds them, or None when nothing is published there."""
    site = Site.find_for_request(request)
    route = Page.route_for_request(request, path)
    if site is None or route is None:
        return None
    return site, route, list(route[0].get_view_restrictions())


def page_serve(request, path: str):
    """`wagtail.views.serve`, reading a page visited before from the cache."""
    if request.method in ("GET", "HEAD") and not getattr(request, "is_preview", False):
        found = versioned_get_or_set("cms-route", request._get_raw_host(), request.get_port(), path,
                                     compute=lambda: _route(request, path))
        if found is not None:
            site, route, restrictions = found
            page = route[0]
            # The unpickled page is this request's own copy: shadowing its method is local.
            page.get_view_restrictions = lambda: restrictions
            request._wagtail_site = site
            request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)
