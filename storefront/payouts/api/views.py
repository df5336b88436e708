"""`GET /api/v1/studio/payouts`: the calling artist's payout account and every transfer to them."""
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated

from artiqo.core.api.base import ApiListView
from artiqo.core.api.permissions import IsArtist
from artiqo.core.api.schema import error_responses
from storefront.payment.gateway import is_test_mode
from storefront.payouts import selectors
from storefront.payouts.api.serializers import PayoutAccountSerializer, PayoutListSerializer, PayoutTransferSerializer


class IsPayee(IsArtist):
    message = "Only artists are paid out; this account sells no art."


class StudioPayoutListView(ApiListView):
    """Artists only: anonymous callers get 401, other signed-in users 403; a page past the end 404."""

    permission_classes = [IsAuthenticated, IsPayee]
    serializer_class = PayoutTransferSerializer

    @extend_schema(tags=["studio"], operation_id="studio_payouts_list",
                   summary="The caller's payout account and transfers (order, amount, currency, status, dates)",
                   responses={200: PayoutListSerializer, **error_responses(401, 403, 404)})
    def get(self, request):
        artist = request.user.artist
        response = self.paginated(selectors.transfer_list_for_artist(artist=artist))
        account = selectors.payout_account_for_artist(artist=artist)
        response.data = {"account": PayoutAccountSerializer().to_representation(account), "test_mode": is_test_mode(),
                         **response.data}
        return response
