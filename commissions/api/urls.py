"""URL map of /api/v1/special-orders… (included at api/v1/; each path with and without a trailing slash)."""
from artiqo.core.api.routing import api_path
from commissions.api import views
from commissions.api.waitlist import ArtistWaitlistApi

app_name = "special-orders-api"
ID = "[0-9]{1,18}"

urlpatterns = [
    api_path("special-orders", views.SpecialOrderListApi.as_view(), "list"),
    api_path(f"artists/(?P<artist_id>{ID})/waitlist", ArtistWaitlistApi.as_view(), "artist-waitlist"),
    api_path(f"special-orders/(?P<pk>{ID})", views.SpecialOrderDetailApi.as_view(), "detail"),
    *[api_path(f"special-orders/(?P<pk>{ID})/{action}", view, action) for action, view in views.STEP_VIEWS.items()],
]
