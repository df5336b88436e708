"""URL map of /api/v1/offers… (included at api/v1/; each path with and without a trailing slash)."""
from artiqo.core.api.routing import ID, api_path
from price_offers.api import views

app_name = "offers-api"

urlpatterns = [
    api_path("offers", views.OfferListApi.as_view(), "list"),
    api_path(f"offers/(?P<pk>{ID})", views.OfferDetailApi.as_view(), "detail"),
    api_path(f"offers/(?P<pk>{ID})/accept", views.OfferAcceptApi.as_view(), "accept"),
    api_path(f"offers/(?P<pk>{ID})/counter", views.OfferCounterApi.as_view(), "counter"),
    api_path(f"offers/(?P<pk>{ID})/decline", views.OfferDeclineApi.as_view(), "decline"),
    api_path(f"offers/(?P<pk>{ID})/withdraw", views.OfferWithdrawApi.as_view(), "withdraw"),
]
