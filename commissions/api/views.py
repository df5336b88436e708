"""Special-order endpoints (/api/v1/special-orders/): create, list, detail, one endpoint per step."""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core.api.base import ApiListView, ApiView
from artiqo.core.api.schema import error_responses
from artists.api.base import StudioErrorsMixin
from artists.models import Artist
from commissions import selectors
from commissions.api.serializers import (
    ACTION_INPUTS,
    SpecialOrderCreateSerializer,
    SpecialOrderDetailSerializer,
    SpecialOrderSerializer,
)
from commissions.models import SpecialOrderStatus
from commissions.services import special_order_act, special_order_create

TAGS = ["special orders"]
ROLE = OpenApiParameter("role", str, enum=["buyer", "artist"], required=False,
                        description="Only those the caller placed (`buyer`) or received as an artist (`artist`).")
STATUS = OpenApiParameter("status", str, enum=SpecialOrderStatus.values, required=False)


class SpecialOrderMixin(StudioErrorsMixin):
    permission_classes = [IsAuthenticated]

    def detail_response(self, pk: int, status_code: int = status.HTTP_200_OK) -> Response:
        special_order = selectors.special_order_get(user=self.request.user, pk=pk)
        if special_order is None:
            # The same answer whether it is someone else's or does not exist.
            raise exceptions.NotFound("You have no such special order.")
        return Response(SpecialOrderDetailSerializer(special_order, context={"request": self.request}).data,
                        status=status_code)


class SpecialOrderListApi(SpecialOrderMixin, ApiListView):
    serializer_class = SpecialOrderSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    # Who lists which side: the studio's alias always asks for the artist's.
    fixed_role = None

    @extend_schema(tags=TAGS, operation_id="special_orders_list", parameters=[ROLE, STATUS],
                   summary="The caller's special orders (placed, received, or both), newest first",
                   responses={200: SpecialOrderSerializer(many=True), **error_responses(400, 401, 404)})
    def get(self, request):
        role = self.fixed_role or request.query_params.get("role") or None
        status_filter = request.query_params.get("status") or None
        errors = {}
        if role not in (None, "buyer", "artist"):
            errors["role"] = ["Use `buyer` or `artist`."]
        if status_filter not in (None, *SpecialOrderStatus.values):
            errors["status"] = [f"Use one of: {', '.join(SpecialOrderStatus.values)}."]
        if errors:
            raise exceptions.ValidationError(errors)
        return self.paginated(selectors.special_order_list(user=request.user, role=role, status=status_filter))

    @extend_schema(tags=TAGS, operation_id="special_orders_create",
                   summary="Send a special order to an artist (they are emailed the whole brief)",
                   request={"multipart/form-data": SpecialOrderCreateSerializer,
                            "application/json": SpecialOrderCreateSerializer},
                   responses={201: SpecialOrderDetailSerializer, **error_responses(400, 401, 404)})
    def post(self, request):
        body = SpecialOrderCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        artist = Artist.objects.filter(pk=data.pop("artist_id")).first()
        if artist is None:
            raise exceptions.NotFound("There is no such artist.")
        inspired_id = data.pop("inspired_by_id")
        inspired_by = None
        if inspired_id is not None:
            from storefront.catalogue.selectors import artwork_get

            inspired_by = artwork_get(pk=inspired_id)
            if inspired_by is None or inspired_by.artist_id != artist.pk:
                raise exceptions.ValidationError({"inspired_by_id": ["Not an artwork of this artist."]})
        special_order = special_order_create(buyer=request.user, artist=artist, inspired_by=inspired_by, **data)
        return self.detail_response(special_order.pk, status.HTTP_201_CREATED)


class StudioSpecialOrderListApi(SpecialOrderListApi):
    """`/api/v1/studio/special-orders`: the artist's inbox."""

    fixed_role = "artist"
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not hasattr(request.user, "artist"):
            raise exceptions.PermissionDenied("Only artists have a special-order inbox.")

    @extend_schema(tags=TAGS, operation_id="studio_special_orders_list", parameters=[STATUS],
                   summary="For an artist: the special orders they received",
                   responses={200: SpecialOrderSerializer(many=True), **error_responses(400, 401, 403, 404)})
    def get(self, request):
        return super().get(request)


class SpecialOrderDetailApi(SpecialOrderMixin, ApiView):
    @extend_schema(tags=TAGS, operation_id="special_orders_retrieve",
                   summary="One of the caller's special orders, with its history",
                   responses={200: SpecialOrderDetailSerializer, **error_responses(401, 404)})
    def get(self, request, pk: int):
        return self.detail_response(pk)


def _step_view(action: str):
    """The endpoint of one step: `POST /special-orders/{id}/<action>`."""
    body_serializer = ACTION_INPUTS[action]

    class StepApi(SpecialOrderMixin, ApiView):
        conflict_code = "illegal_transition"
        parser_classes = [JSONParser, MultiPartParser, FormParser]

        @extend_schema(tags=TAGS, operation_id=f"special_orders_{action}", request=body_serializer,
                       summary=f"Special order step: {action}",
                       responses={200: SpecialOrderDetailSerializer, **error_responses(400, 401, 403, 404, 409)})
        def post(self, request, pk: int):
            special_order = selectors.special_order_get(user=request.user, pk=pk)
            if special_order is None:
                raise exceptions.NotFound("You have no such special order.")
            data = {}
            if body_serializer is not None:
                body = body_serializer(data=request.data)
                body.is_valid(raise_exception=True)
                data = body.validated_data
            special_order_act(special_order=special_order, user=request.user, action=action, data=data)
            return self.detail_response(pk)

    StepApi.__name__ = StepApi.__qualname__ = f"SpecialOrder{action.capitalize()}Api"
    return StepApi.as_view()


STEP_VIEWS = {action: _step_view(action) for action in ACTION_INPUTS}
