"""URL map of the cart API (`cart/{userId}...`), collected into the `api` namespace by artiqo.api_v1."""
from artiqo.core.api.routing import ID, api_path
from storefront.basket.api.views import CartAddApi, CartDetailApi, CartRemoveApi, CartUpdateApi

urlpatterns = [
    api_path(f"cart/(?P<user_id>{ID})", CartDetailApi.as_view(), "cart"),
    api_path(f"cart/(?P<user_id>{ID})/add", CartAddApi.as_view(), "cart-add"),
    api_path(f"cart/(?P<user_id>{ID})/update", CartUpdateApi.as_view(), "cart-update"),
    api_path(f"cart/(?P<user_id>{ID})/remove/(?P<product_id>{ID})", CartRemoveApi.as_view(), "cart-remove"),
]
