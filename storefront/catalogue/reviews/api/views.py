"""Review endpoints: `GET /api/v1/products/{id}/reviews` (anyone), `POST` (a buyer who received the work)."""
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from artiqo.core.api.base import ApiListView
from artiqo.core.api.schema import error_responses
from storefront.catalogue.models import Product
from storefront.catalogue.reviews import selectors, services
from storefront.catalogue.reviews.api.serializers import ReviewCreateSerializer, ReviewSerializer

TAGS = ["reviews"]


class ProductReviewListApi(ApiListView):
    serializer_class = ReviewSerializer

    def _product_check(self, product_id) -> None:
        if not Product.objects.filter(pk=product_id, is_public=True).exists():
            raise exceptions.NotFound(f"There is no artwork with id {product_id}.")

    @extend_schema(tags=TAGS, operation_id="product_reviews_list",
                   summary="A work's reviews by verified buyers, newest first (hidden ones left out)",
                   responses={200: ReviewSerializer(many=True), **error_responses(404)})
    def get(self, request, product_id):
        self._product_check(product_id)
        return self.paginated(selectors.review_list(product_id=int(product_id)))

    @extend_schema(tags=TAGS, operation_id="product_reviews_create",
                   summary="Review a work you received (one review per order line of it)",
                   request=ReviewCreateSerializer,
                   responses={201: ReviewSerializer, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, product_id):
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        self._product_check(product_id)
        body = ReviewCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        review = services.review_create(user=request.user, product_id=int(product_id), **body.validated_data)
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)
