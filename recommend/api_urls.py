"""URL map of the recommendation API, included under /api/v1/ before the API's catch-all."""
from artiqo.core.api.routing import api_path
from recommend.api import RecommendationsView, SimilarArtworksView
from storefront.api.urls import ID

app_name = "recommend-api"

urlpatterns = [
    api_path("recommendations", RecommendationsView.as_view(), "recommendations"),
    api_path(f"products/(?P<product_id>{ID})/similar", SimilarArtworksView.as_view(), "similar"),
]
