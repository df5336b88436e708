"""URL map of the search API, included under /api/v1/ before the API's catch-all."""
from search.api import SearchAPIView, SuggestAPIView
from storefront.api.routing import api_path

app_name = "search-api"

urlpatterns = [
    api_path("search", SearchAPIView.as_view(), "search"),
    api_path("search/suggest", SuggestAPIView.as_view(), "suggest"),
]
