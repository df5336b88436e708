"""URL map of the recommendation API (`recommendations`, `products/{id}/similar`), included by artiqo.api_v1."""
from artiqo.core.api.routing import ID, api_path
from recommend.api.views import RecommendationListApi, SimilarArtworkListApi

app_name = "recommend-api"

urlpatterns = [
    api_path("recommendations", RecommendationListApi.as_view(), "recommendations"),
    api_path(f"products/(?P<product_id>{ID})/similar", SimilarArtworkListApi.as_view(), "similar"),
]
