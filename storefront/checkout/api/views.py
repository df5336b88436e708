"""Placing orders through the API: the caller's orders, and a new one from their cart (idempotent).

Checkout's job on the web and the API alike: it is the one place that reads the cart and
places the order, so the order app never imports the basket (docs/architecture.md).
"""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core import idempotency
from artiqo.core.api.base import ApiListView
from artiqo.core.api.schema import error_responses
from storefront.basket.services import basket_for_user
from storefront.order.api.serializers import (
    OrderCreateSerializer,
    OrderDetailSerializer,
    OrderSerializer,
)
from storefront.order.selectors import order_get_for_buyer, order_list_for_buyer
from storefront.order.services import order_place

TAGS = ["orders"]
IDEMPOTENCY_KEY = OpenApiParameter(
    idempotency.HEADER, str, OpenApiParameter.HEADER, required=False,
    description="Any unique string (1-100 visible ASCII characters). A repeat with the same key and body "
    "returns the first answer (header `Idempotent-Replayed: true`) and places nothing; the same key "
    "with a different body is refused with 422.",
)


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
