"""Pay an order (`POST /orders/{number}/pay`) and read its payments (`GET /orders/{number}/payments`)."""
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core import idempotency
from artiqo.core.api.base import ApiView
from artiqo.core.api.schema import error_responses
from storefront.order.selectors import order_get_for_buyer
from storefront.payment.api.serializers import OrderPaymentsSerializer, PaymentAttemptSerializer, PayRequestSerializer
from storefront.payment.gateway import is_test_mode
from storefront.payment.models import PaymentStatus
from storefront.payment.services import payment_method_from_input, payment_start

TAGS = ["payments"]
NUMBER = OpenApiParameter("number", str, OpenApiParameter.PATH)
# A completed payment is 200, one awaiting the buyer or the gateway 202, a declined one 402.
STATUS_CODES = {
    PaymentStatus.COMPLETED: status.HTTP_200_OK,
    PaymentStatus.REFUNDED: status.HTTP_200_OK,
    PaymentStatus.REQUIRES_ACTION: status.HTTP_202_ACCEPTED,
    PaymentStatus.PENDING: status.HTTP_202_ACCEPTED,
    PaymentStatus.FAILED: status.HTTP_402_PAYMENT_REQUIRED,
}


def _order_or_404(request, number: str):
    order = order_get_for_buyer(user=request.user, number=number)
    if order is None:
        raise exceptions.NotFound(f"You have no order {number}.")
    return order


class OrderPayApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS, operation_id="orders_pay", summary="Pay one of the caller's orders",
        description="Starts a payment attempt (status `completed`, `requires_action`, `pending` or `failed`). "
        "With `checkout: true` the attempt opens the gateway's hosted payment page: 202 `pending` with "
        "`checkout_url`; a webhook completes it when the buyer has paid there. "
        "The same Idempotency-Key and body replays the same attempt and never charges twice. 409 when the "
        "work was just sold, the order is already paid, or another attempt is in progress.",
        parameters=[NUMBER, OpenApiParameter(idempotency.HEADER, str, OpenApiParameter.HEADER, required=False)],
        request=PayRequestSerializer,
        responses={200: PaymentAttemptSerializer, 202: PaymentAttemptSerializer, 402: PaymentAttemptSerializer,
                   **error_responses(400, 401, 404, 409, 422)},
    )
    def post(self, request, number: str):
        key = idempotency.idempotency_key_from_request(request)
        body = PayRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        order = _order_or_404(request, number)
        token = "" if body.validated_data["checkout"] else payment_method_from_input(
            card_number=body.validated_data.get("card_number", ""),
            payment_method=body.validated_data.get("payment_method", ""))
        return_url = body.validated_data.get("return_url") or request.build_absolute_uri(
            reverse("checkout:payment-return", args=[order.number]))
        # Refusals (sold, already paid, in progress, key reused, gateway down or refusing) are
        # ApplicationErrors: artiqo.core.api.exceptions answers them.
        payment = payment_start(order=order, payment_method=token, return_url=return_url, request_key=key)
        payment = order.payments.prefetch_related("history").get(pk=payment.pk)
        return Response(PaymentAttemptSerializer(payment).data, status=STATUS_CODES[payment.status])


class OrderPaymentListApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, operation_id="orders_payments", summary="An order's payment attempts and history",
                   parameters=[NUMBER], responses={200: OrderPaymentsSerializer, **error_responses(401, 404)})
    def get(self, request, number: str):
        order = _order_or_404(request, number)
        order.test_mode = is_test_mode()
        return Response(OrderPaymentsSerializer(order).data)
