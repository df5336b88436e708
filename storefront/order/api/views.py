"""Orders endpoints: one of the caller's orders, an artist's orders (placing and listing: checkout.api)."""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core.api.base import ApiListView, ApiView
from artiqo.core.api.permissions import IsArtist
from artiqo.core.api.schema import error_responses
from storefront.order.api.serializers import (
    ArtistOrderSerializer,
    OrderDetailSerializer,
)
from storefront.order.selectors import order_get_for_buyer, order_list_for_artist

TAGS = ["orders"]


class OrderDetailApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, operation_id="orders_retrieve", summary="One of the caller's orders",
                   parameters=[OpenApiParameter("number", str, OpenApiParameter.PATH)],
                   responses={200: OrderDetailSerializer, **error_responses(401, 404)})
    def get(self, request, number: str):
        order = order_get_for_buyer(user=request.user, number=number)
        if order is None:
            # The same answer whether the order is someone else's or does not exist.
            raise exceptions.NotFound(f"You have no order {number}.")
        return Response(OrderDetailSerializer(order, context={"request": request}).data)


class ArtistOrderListApi(ApiListView):
    permission_classes = [IsAuthenticated, IsArtist]
    serializer_class = ArtistOrderSerializer

    @extend_schema(
        tags=TAGS,
        operation_id="order_orderartview",
        summary="For an artist: the orders of their art (only their own lines)",
        responses={200: ArtistOrderSerializer(many=True), **error_responses(401, 403, 404)},
    )
    def get(self, request):
        return self.paginated(order_list_for_artist(artist=request.user.artist))

