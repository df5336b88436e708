"""URL map of the reviews API, collected into the `api` namespace by artiqo.api_v1."""
from artiqo.core.api.routing import ID, api_path
from storefront.catalogue.reviews.api.views import ProductReviewListApi

urlpatterns = [
    api_path(f"products/(?P<product_id>{ID})/reviews", ProductReviewListApi.as_view(), "product-reviews"),
]
