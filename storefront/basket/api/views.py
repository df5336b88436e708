"""Cart endpoints `/cart/{userId}[/add|/update|/remove/{productId}]` on the browser's basket."""
from django.contrib.auth import get_user_model
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core.api.base import ApiView
from artiqo.core.api.schema import error_responses
from storefront.basket.api.serializers import CartAddSerializer, CartSerializer, CartUpdateSerializer
from storefront.basket.selectors import basket_open_get, basket_summary_get
from storefront.basket.services import basket_line_add, basket_line_remove, basket_line_update

TAGS = ["cart"]
USER_ID = OpenApiParameter("user_id", int, OpenApiParameter.PATH, description="The caller's user id.")
PRODUCT_ID = OpenApiParameter("product_id", int, OpenApiParameter.PATH, description="Artwork id.")


class CartBaseApi(ApiView):
    """Cart views check that `{userId}` is the caller before anything else."""

    permission_classes = [IsAuthenticated]

    def cart_owner(self, request, user_id: str, *, read: bool):
        """The user whose cart the path names; staff may read (never change) any cart."""
        if int(user_id) == request.user.pk:
            return request.user
        if read and request.user.is_staff:
            owner = get_user_model().objects.filter(pk=int(user_id)).first()
            if owner is None:
                raise exceptions.NotFound(f"There is no user with id {user_id}.")
            return owner
        raise exceptions.PermissionDenied("This is not your cart.")

    def cart_change(self, request, user_id: str, *, body_serializer, service, status_code: int) -> Response:
        """Check the owner, validate the body, let the cart service apply it, answer the cart."""
        owner = self.cart_owner(request, user_id, read=False)
        body = body_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.cart_response(request, service(user=owner, **body.validated_data), status_code=status_code)

    def cart_response(self, request, basket, *, status_code: int = status.HTTP_200_OK) -> Response:
        summary = basket_summary_get(basket=basket)
        return Response(CartSerializer(summary, context={"request": request}).data, status=status_code)


class CartDetailApi(CartBaseApi):
    @extend_schema(tags=TAGS, operation_id="cart_retrieve", summary="The user's cart", parameters=[USER_ID],
                   responses={200: CartSerializer, **error_responses(401, 403, 404)})
    def get(self, request, user_id: str):
        owner = self.cart_owner(request, user_id, read=True)
        return self.cart_response(request, basket_open_get(user=owner))


class CartAddApi(CartBaseApi):
    @extend_schema(tags=TAGS, operation_id="cart_add", summary="Add an artwork to the cart", parameters=[USER_ID],
                   request=CartAddSerializer,
                   responses={201: CartSerializer, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, user_id: str):
        return self.cart_change(request, user_id, body_serializer=CartAddSerializer, service=basket_line_add,
                                status_code=status.HTTP_201_CREATED)


class CartUpdateApi(CartBaseApi):
    @extend_schema(tags=TAGS, operation_id="cart_update", summary="Set the quantity of an artwork in the cart",
                   parameters=[USER_ID], request=CartUpdateSerializer,
                   responses={200: CartSerializer, **error_responses(400, 401, 403, 404, 409)})
    def put(self, request, user_id: str):
        return self.cart_change(request, user_id, body_serializer=CartUpdateSerializer, service=basket_line_update,
                                status_code=status.HTTP_200_OK)


class CartRemoveApi(CartBaseApi):
    @extend_schema(tags=TAGS, operation_id="cart_remove", summary="Remove an artwork from the cart",
                   parameters=[USER_ID, PRODUCT_ID], request=None,
                   responses={200: CartSerializer, **error_responses(401, 403, 404)})
    def delete(self, request, user_id: str, product_id: str):
        owner = self.cart_owner(request, user_id, read=False)
        basket = basket_line_remove(user=owner, product_id=int(product_id))
        return self.cart_response(request, basket)
