"""URL map of the orders API, collected into the `api` namespace by artiqo.api_v1."""
from artiqo.core.api.routing import api_path
from storefront.order.api.views import ArtistOrderListApi, OrderDetailApi

urlpatterns = [
    api_path("orders/(?P<number>[-A-Za-z0-9_]{1,128})", OrderDetailApi.as_view(), "order-detail"),
    api_path("order/orderartview", ArtistOrderListApi.as_view(), "artist-orders"),
]
