"""URL map of the catalogue API (products), collected into the `api` namespace by artiqo.api_v1."""
from artiqo.core.api.routing import ID, api_path
from storefront.catalogue.api.views import ProductDetailApi, ProductListApi

urlpatterns = [
    api_path("products/products", ProductListApi.as_view(), "product-list"),
    api_path(f"products/(?P<product_id>{ID})", ProductDetailApi.as_view(), "product-detail"),
]
