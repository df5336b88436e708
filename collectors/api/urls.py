"""URL map of /api/v1/favourites and /api/v1/following (each path with and without a trailing slash)."""
from artiqo.core.api.routing import ID, api_path
from collectors.api import views

app_name = "collectors-api"

urlpatterns = [
    api_path("favourites", views.FavouriteListApi.as_view(), "favourites"),
    api_path(f"favourites/(?P<product_id>{ID})", views.FavouriteDetailApi.as_view(), "favourite"),
    api_path("following", views.FollowingListApi.as_view(), "following"),
    api_path(f"following/(?P<artist_id>{ID})", views.FollowingDetailApi.as_view(), "follow"),
]
