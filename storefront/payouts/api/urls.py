"""URL map of the payouts API (included at api/v1/ before the catch-all; with and without a trailing slash).

Its own URL map, so the studio's API (artists) does not import payouts: payouts reads
artists, never the other way round.
"""
from artiqo.core.api.routing import api_path
from storefront.payouts.api.views import StudioPayoutListView

app_name = "payouts-api"

urlpatterns = [
    api_path("studio/payouts", StudioPayoutListView.as_view(), "payout-list"),
]
