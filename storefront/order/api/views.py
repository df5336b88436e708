"""Orders endpoints: place (idempotent) and read one's own orders; an artist's orders view."""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core.api.base import ApiListView, ApiView
from artiqo.core.api.permissions import IsArtist
from artiqo.core.api.schema import error_responses
from artiqo.core import idempotency
from storefront.basket.services import basket_for_user
from storefront.order.api.serializers import (
    ArtistOrderSerializer,
    OrderCreateSerializer,
    OrderDetailSerializer,
    OrderSerializer,
    ShippingAddressInputSerializer,
)
from storefront.order.selectors import order_get_for_buyer, order_list_for_artist, order_list_for_buyer
from storefront.order.services import order_place

TAGS = ["orders"]
IDEMPOTENCY_KEY = OpenApiParameter(
    idempotency.HEADER, str, OpenApiParameter.HEADER, required=False,
    description="Any unique string (1-100 visible ASCII characters). A repeat with the same key and body "
    "returns the first answer (header `Idempotent-Replayed: true`) and places nothing; the same key "
    "with a different body is refused with 422.",
)
ADDRESS_FIELDS = set(ShippingAddressInputSerializer().fields)


class OrderListCreateApi(ApiListView):
    permission_classes = [IsAuthenticated]
    serializer_class = OrderSerializer

    @extend_schema(tags=TAGS, operation_id="orders_list", summary="The caller's orders, newest first",
                   responses={200: OrderSerializer(many=True), **error_responses(401, 404)})
    def get(self, request):
        # The subtotal (Oscar's basket_total_incl_tax) subtracts surcharges: load them too.
        return self.paginated(order_list_for_buyer(user=request.user).prefetch_related("surcharges"))

    @extend_schema(
        tags=TAGS,
        operation_id="orders_create",
        summary="Place an order from the caller's cart",
        description="The order is placed unpaid and holds its works for a while. 409 when the cart is "
        "empty or a work was sold meanwhile.",
        parameters=[IDEMPOTENCY_KEY],
        request=OrderCreateSerializer,
        responses={201: OrderDetailSerializer, **error_responses(400, 401, 409, 422)},
    )
    def post(self, request):
        key = idempotency.idempotency_key_from_request(request)
        body = OrderCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)

        def place() -> tuple[int, dict]:
            order = order_place(
                user=request.user,
                basket=basket_for_user(user=request.user),
                shipping_address=body.validated_data["shipping_address"],
                shipping_method_code=body.validated_data["shipping_method"],
                idempotency_key=key,
            )
            order = order_get_for_buyer(user=request.user, number=order.number)
            return status.HTTP_201_CREATED, OrderDetailSerializer(order, context={"request": request}).data

        if key is None:
            status_code, data = place()
            return Response(data, status=status_code)
        fingerprint = idempotency.request_fingerprint(method="POST", path="orders", data=body.validated_data)
        result = idempotency.idempotent_call(
            user=request.user, scope="orders_create", key=key, fingerprint=fingerprint, call=place
        )
        headers = {"Idempotent-Replayed": "true"} if result.replayed else {}
        return Response(result.body, status=result.status_code, headers=headers)


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

