"""Pay an order (`POST /orders/{number}/pay`) and read its payments (`GET /orders/{number}/payments`)."""
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core import idempotency
from storefront.api.base import ApiView
from storefront.api.exceptions import Conflict, UnprocessableEntity
from storefront.api.schema import error_responses
from storefront.order.exceptions import ArtworkUnavailable, OrderNotPayable
from storefront.order.selectors import order_get_for_buyer
from storefront.payment.api.serializers import OrderPaymentsSerializer, PayRequestSerializer, PaymentAttemptSerializer
from storefront.payment.exceptions import IdempotencyKeyReused, InvalidPaymentMethod, PaymentInProgress
from storefront.payment.gateway import GatewayRejected, GatewayUnavailable, PaymentsNotConfigured, is_test_mode
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


class GatewayDown(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The payment provider did not answer; retry with the same Idempotency-Key."
    default_code = "payment_provider_unavailable"


def _order_or_404(request, number: str):
    order = order_get_for_buyer(user=request.user, number=number)
    if order is None:
        raise exceptions.NotFound(f"You have no order {number}.")
    return order


class OrderPayView(ApiView):
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
        try:
            key = idempotency.idempotency_key_clean(value=request.headers.get(idempotency.HEADER))
        except idempotency.IdempotencyKeyInvalid as error:
            raise exceptions.ValidationError({idempotency.HEADER: [str(error)]}) from error
        body = PayRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        order = _order_or_404(request, number)
        try:
            token = "" if body.validated_data["checkout"] else payment_method_from_input(
                card_number=body.validated_data.get("card_number", ""),
                payment_method=body.validated_data.get("payment_method", ""))
        except InvalidPaymentMethod as error:
            raise exceptions.ValidationError({error.field: [str(error)]}) from error
        return_url = body.validated_data.get("return_url") or request.build_absolute_uri(
            reverse("checkout:payment-return", args=[order.number]))
        try:
            payment = payment_start(order=order, payment_method=token, return_url=return_url, request_key=key)
        except ArtworkUnavailable as error:
            raise Conflict(str(error), code="sold_out") from error
        except OrderNotPayable as error:
            raise Conflict(str(error), code="order_not_payable") from error
        except PaymentInProgress as error:
            raise Conflict(str(error), code="payment_in_progress") from error
        except IdempotencyKeyReused as error:
            raise UnprocessableEntity(str(error), code="idempotency_key_reused") from error
        except PaymentsNotConfigured:
            raise  # 503 with its own code and message (storefront/api/exceptions.py)
        except GatewayUnavailable as error:
            raise GatewayDown() from error
        except GatewayRejected as error:
            raise exceptions.ValidationError({"payment_method": [str(error)]}) from error
        payment = order.payments.prefetch_related("history").get(pk=payment.pk)
        return Response(PaymentAttemptSerializer(payment).data, status=STATUS_CODES[payment.status])


class OrderPaymentsView(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, operation_id="orders_payments", summary="An order's payment attempts and history",
                   parameters=[NUMBER], responses={200: OrderPaymentsSerializer, **error_responses(401, 404)})
    def get(self, request, number: str):
        order = _order_or_404(request, number)
        order.test_mode = is_test_mode()
        return Response(OrderPaymentsSerializer(order).data)
