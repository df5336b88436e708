"""URL map of /api/v1/: the brief's paths exactly, each with and without a trailing slash."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from storefront.api.cart.views import CartAddView, CartRemoveView, CartUpdateView, CartView
from storefront.api.catalogue.views import ArtistDetailView, ArtistListView, ProductDetailView, ProductListView
from storefront.api.exceptions import api_not_found
from storefront.api.orders.views import ArtistOrderListView, OrderDetailView, OrderListCreateView
from storefront.api.routing import api_path

app_name = "api"

# At most 18 digits: every such id fits a 64-bit key, so no lookup can overflow.
ID = "[0-9]{1,18}"

urlpatterns = [
    # users/…: the accounts app's endpoints, named inside this `api` namespace.
    path("", include("storefront.accounts.api.urls")),
    api_path("products/products", ProductListView.as_view(), "product-list"),
    api_path(f"products/(?P<product_id>{ID})", ProductDetailView.as_view(), "product-detail"),
    api_path("artists", ArtistListView.as_view(), "artist-list"),
    api_path(f"artists/(?P<artist_id>{ID})", ArtistDetailView.as_view(), "artist-detail"),
    api_path(f"cart/(?P<user_id>{ID})", CartView.as_view(), "cart"),
    api_path(f"cart/(?P<user_id>{ID})/add", CartAddView.as_view(), "cart-add"),
    api_path(f"cart/(?P<user_id>{ID})/update", CartUpdateView.as_view(), "cart-update"),
    api_path(f"cart/(?P<user_id>{ID})/remove/(?P<product_id>{ID})", CartRemoveView.as_view(), "cart-remove"),
    api_path("orders", OrderListCreateView.as_view(), "order-list"),
    api_path("orders/(?P<number>[-A-Za-z0-9_]{1,128})", OrderDetailView.as_view(), "order-detail"),
    api_path("order/orderartview", ArtistOrderListView.as_view(), "artist-orders"),
    api_path("schema", SpectacularAPIView.as_view(), "schema"),
    # The split view loads its start-up script from a URL: no inline script for the CSP.
    api_path("docs", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), "docs"),
    # Last: any other path under /api/v1/ is a JSON 404, not the CMS's HTML page — also
    # one holding a newline (%0A), which `.` would not match.
    api_path(r"[\s\S]*", api_not_found, "not-found"),
]
