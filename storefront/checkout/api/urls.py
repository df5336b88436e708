"""URL map of the checkout API (/api/v1/orders), collected into the `api` namespace by artiqo.api_v1."""
from artiqo.core.api.routing import api_path
from storefront.checkout.api.views import OrderListCreateApi

urlpatterns = [
    api_path("orders", OrderListCreateApi.as_view(), "order-list"),
]
