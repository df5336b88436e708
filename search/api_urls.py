"""URL map of the search API, included under /api/v1/ before the API's catch-all."""
from artiqo.core.api.routing import api_path
from search.api import SearchAPIView, SuggestAPIView

app_name = "search-api"

urlpatterns = [
    api_path("search", SearchAPIView.as_view(), "search"),
    api_path("search/suggest", SuggestAPIView.as_view(), "suggest"),
]
