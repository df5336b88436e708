"""URL map of the artists API (/api/v1/artists...), collected into the `api` namespace by artiqo.api_v1."""
from artiqo.core.api.routing import ID, api_path
from artists.api.views import ArtistDetailApi, ArtistListApi

urlpatterns = [
    api_path("artists", ArtistListApi.as_view(), "artist-list"),
    api_path(f"artists/(?P<artist_id>{ID})", ArtistDetailApi.as_view(), "artist-detail"),
]
