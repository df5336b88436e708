"""Offer endpoints: `/api/v1/offers` (the buyer's list, make one) and one endpoint per answer."""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core.api.base import ApiListView, ApiView
from artiqo.core.api.schema import error_responses
from price_offers import selectors, services
from price_offers.api.serializers import CounterSerializer, OfferCreateSerializer, OfferSerializer
from price_offers.models import OfferStatus

TAGS = ["offers"]
ROLE = OpenApiParameter("role", str, enum=["buyer", "artist"], required=False,
                        description="`buyer` (default): offers the caller made; `artist`: offers on their works.")
STATUS = OpenApiParameter("status", str, enum=OfferStatus.values, required=False)


class OfferListApi(ApiListView):
    permission_classes = [IsAuthenticated]
    serializer_class = OfferSerializer

    @extend_schema(tags=TAGS, operation_id="offers_list", parameters=[ROLE, STATUS],
                   summary="The caller's offers (made as a buyer, or received as an artist), newest first",
                   responses={200: OfferSerializer(many=True), **error_responses(400, 401, 404)})
    def get(self, request):
        role = request.query_params.get("role") or "buyer"
        status_filter = request.query_params.get("status") or None
        errors = {}
        if role not in ("buyer", "artist"):
            errors["role"] = ["Use `buyer` or `artist`."]
        if status_filter not in (None, *OfferStatus.values):
            errors["status"] = [f"Use one of: {', '.join(OfferStatus.values)}."]
        if errors:
            raise exceptions.ValidationError(errors)
        scope = {"artist__user": request.user} if role == "artist" else {"buyer": request.user}
        services.offers_expire_due(**scope)
        return self.paginated(selectors.offer_list(user=request.user, role=role, status=status_filter))

    @extend_schema(tags=TAGS, operation_id="offers_create",
                   summary="Offer a price for an original that takes offers (the artist has 72 hours to answer)",
                   description="A buyer makes at most `ARTIQO_OFFERS_PER_HOUR` offers (10 by default) in any hour; "
                               "the next is answered 429 `too_many_offers` with a Retry-After header.",
                   request=OfferCreateSerializer,
                   responses={201: OfferSerializer, **error_responses(400, 401, 403, 404, 409, 429)})
    def post(self, request):
        body = OfferCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        offer = services.offer_create(buyer=request.user, **body.validated_data)
        return Response(OfferSerializer(offer).data, status=status.HTTP_201_CREATED)


class OfferDetailApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, operation_id="offers_detail", summary="One offer the caller made or received",
                   responses={200: OfferSerializer, **error_responses(401, 404)})
    def get(self, request, pk):
        services.offers_expire_due(pk=pk)
        offer = selectors.offer_get(user=request.user, pk=int(pk))
        if offer is None:
            raise exceptions.NotFound("You have no such offer.")
        return Response(OfferSerializer(offer).data)


class OfferAcceptApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, operation_id="offers_accept", request=None,
                   summary="The artist accepts a pending offer, or the buyer the artist's counter-offer: "
                           "the work goes into the buyer's cart at that price for 24 hours",
                   responses={200: OfferSerializer, **error_responses(401, 403, 404, 409)})
    def post(self, request, pk):
        return Response(OfferSerializer(services.offer_accept(user=request.user, pk=int(pk))).data)


class OfferCounterApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, operation_id="offers_counter", request=CounterSerializer,
                   summary="The artist answers a pending offer with their own price (the buyer has 72 hours)",
                   responses={200: OfferSerializer, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, pk):
        body = CounterSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        offer = services.offer_counter(user=request.user, pk=int(pk), amount=body.validated_data["amount"])
        return Response(OfferSerializer(offer).data)


class OfferDeclineApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, operation_id="offers_decline", request=None,
                   summary="The artist declines a pending offer, or the buyer the artist's counter-offer",
                   responses={200: OfferSerializer, **error_responses(401, 403, 404, 409)})
    def post(self, request, pk):
        return Response(OfferSerializer(services.offer_decline(user=request.user, pk=int(pk))).data)


class OfferWithdrawApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=TAGS, operation_id="offers_withdraw", request=None,
                   summary="The buyer withdraws an open offer (pending, countered or accepted: an accepted one's "
                           "hold on the work ends); the artist is mailed",
                   responses={200: OfferSerializer, **error_responses(401, 403, 404, 409)})
    def post(self, request, pk):
        return Response(OfferSerializer(services.offer_withdraw(user=request.user, pk=int(pk))).data)
