"""URL map of /api/v1/studio/… (included at api/v1/; each path with and without a trailing slash)."""
from artiqo.core.api.routing import api_path
from artists.api import views_studio as views
from artists.api.views_apply import ArtistApplicationView
from artists.api.views_special_orders import StudioSpecialOrderListView

app_name = "studio-api"
ID = "[0-9]{1,18}"

urlpatterns = [
    api_path("studio/artworks", views.StudioArtworkListView.as_view(), "artwork-list"),
    api_path(f"studio/artworks/(?P<pk>{ID})", views.StudioArtworkDetailView.as_view(), "artwork-detail"),
    api_path(f"studio/artworks/(?P<pk>{ID})/restore", views.StudioArtworkRestoreView.as_view(), "artwork-restore"),
    api_path(f"studio/artworks/(?P<pk>{ID})/images", views.StudioImageListView.as_view(), "artwork-images"),
    api_path(f"studio/artworks/(?P<pk>{ID})/images/(?P<image_id>{ID})", views.StudioImageDetailView.as_view(),
             "artwork-image"),
    api_path("studio/orders", views.StudioOrderListView.as_view(), "order-list"),
    api_path("studio/orders/(?P<number>[-A-Za-z0-9_]{1,128})/ship", views.StudioOrderShipView.as_view(), "order-ship"),
    api_path("studio/showcase", views.StudioShowcaseView.as_view(), "showcase"),
    api_path("studio/special-orders", StudioSpecialOrderListView.as_view(), "special-order-list"),
    api_path("studio/application", ArtistApplicationView.as_view(), "application"),
]
