"""URL map of the search API (`search`, `search/suggest`), included by artiqo.api_v1."""
from artiqo.core.api.routing import api_path
from search.api.views import ArtworkSearchApi, ArtworkSuggestApi

app_name = "search-api"

urlpatterns = [
    api_path("search", ArtworkSearchApi.as_view(), "search"),
    api_path("search/suggest", ArtworkSuggestApi.as_view(), "suggest"),
]
