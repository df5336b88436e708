"""URL maps of /api/v1/studio/… (included at api/v1/; each path with and without a trailing slash).

`urlpatterns` is the namespace `studio-api`; `payouts_patterns` keeps its own namespace `payouts-api`.
"""
from artiqo.core.api.routing import api_path
from commissions.api.views import StudioSpecialOrderListApi
from commissions.api.waitlist import StudioWaitlistApi
from studio.api import views

app_name = "studio-api"
ID = "[0-9]{1,18}"

urlpatterns = [
    api_path("studio/artworks", views.StudioArtworkListApi.as_view(), "artwork-list"),
    api_path("studio/artworks/suggest", views.StudioArtworkSuggestApi.as_view(), "artwork-suggest"),
    api_path(f"studio/artworks/(?P<pk>{ID})", views.StudioArtworkDetailApi.as_view(), "artwork-detail"),
    api_path(f"studio/artworks/(?P<pk>{ID})/restore", views.StudioArtworkRestoreApi.as_view(), "artwork-restore"),
    api_path(f"studio/artworks/(?P<pk>{ID})/images", views.StudioImageAddApi.as_view(), "artwork-images"),
    api_path(f"studio/artworks/(?P<pk>{ID})/images/(?P<image_id>{ID})", views.StudioImageRemoveApi.as_view(),
             "artwork-image"),
    api_path("studio/orders", views.StudioOrderListApi.as_view(), "order-list"),
    api_path("studio/orders/(?P<number>[-A-Za-z0-9_]{1,128})/ship", views.StudioOrderShipApi.as_view(), "order-ship"),
    api_path("studio/showcase", views.StudioShowcaseDetailApi.as_view(), "showcase"),
    api_path("studio/special-orders", StudioSpecialOrderListApi.as_view(), "special-order-list"),
    api_path("studio/waitlist", StudioWaitlistApi.as_view(), "waitlist"),
    api_path("studio/application", views.ArtistApplicationDetailApi.as_view(), "application"),
]

payouts_patterns = [
    api_path("studio/payouts", views.StudioPayoutListApi.as_view(), "payout-list"),
]
