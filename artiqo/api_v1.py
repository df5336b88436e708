"""URL map of /api/v1/: every app's `api/urls.py`, in one place, and the JSON 404 last.

Each path answers with and without a trailing slash (artiqo.core.api.routing.api_path).
The order matters only for the catch-all, which must stay last: before it, no two apps'
patterns match the same path (each pattern is anchored at both ends).

Namespaces are those clients and templates reverse: `api:` (users, products, artists,
cart, orders, schema, docs), `payments-api:`, `search-api:`, `recommend-api:`,
`studio-api:`, `special-orders-api:`, `offers-api:`, `payouts-api:`.
"""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from artiqo.core.api.exceptions import api_not_found
from artiqo.core.api.routing import api_path
from artists.api import urls as artists_urls
from storefront.accounts.api import urls as users_urls
from storefront.basket.api import urls as basket_urls
from storefront.catalogue.api import urls as catalogue_urls
from storefront.catalogue.reviews.api import urls as reviews_urls
from storefront.checkout.api import urls as checkout_urls
from storefront.order.api import urls as order_urls
from studio.api import urls as studio_api_urls

# The product brief's endpoints share the `api` namespace, whichever app serves them.
api_urlpatterns = [
    *users_urls.urlpatterns,
    *catalogue_urls.urlpatterns,
    *reviews_urls.urlpatterns,
    *artists_urls.urlpatterns,
    *basket_urls.urlpatterns,
    *checkout_urls.urlpatterns,
    *order_urls.urlpatterns,
    api_path("schema", SpectacularAPIView.as_view(), "schema"),
    # The split view loads its start-up script from a URL: no inline script for the CSP.
    api_path("docs", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), "docs"),
]

urlpatterns = [
    path("", include("studio.api.urls")),
    path("", include((studio_api_urls.payouts_patterns, "payouts-api"))),
    path("", include("commissions.api.urls")),
    path("", include("price_offers.api.urls")),
    path("", include(("storefront.payment.api.urls", "payments-api"))),
    path("", include("search.api.urls")),
    path("", include("recommend.api.urls")),
    path("", include((api_urlpatterns, "api"))),
    # Last: any other path under /api/v1/ is a JSON 404, not the CMS's HTML page — also
    # one holding a newline (%0A), which `.` would not match.
    api_path(r"[\s\S]*", api_not_found, "api-not-found"),
]
