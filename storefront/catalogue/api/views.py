"""Catalogue endpoints: artworks (list with filters, detail); artists are served by artists.api."""
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from artiqo.core.api.base import ApiListView, ApiView
from artiqo.core.api.schema import error_responses
from artiqo.core.cache import versioned_get_or_set
from storefront.catalogue.api.serializers import (
    ArtworkCardSerializer,
    ArtworkFilterSerializer,
    ProductDetailSerializer,
)
from storefront.catalogue.selectors import artwork_get, artwork_list_filtered
from storefront.catalogue.services import artwork_holds_settle


class ProductListApi(ApiListView):
    serializer_class = ArtworkCardSerializer

    @extend_schema(
        tags=["products"],
        operation_id="products_list",
        summary="Artworks for sale, filtered and sorted",
        parameters=[ArtworkFilterSerializer],
        responses={200: ArtworkCardSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request):
        # An empty parameter (`?vibe=`) means "no filter", as HTML forms send it.
        params = {key: value for key, value in request.query_params.items() if value != ""}
        filters = ArtworkFilterSerializer(data=params)
        filters.is_valid(raise_exception=True)
        # The same page for every client (links are absolute, hence the full URL in the
        # key): serialised once per version of the catalogue (artiqo.core.cache).
        data = versioned_get_or_set("api-products", request.build_absolute_uri(),
                                    compute=lambda: self.paginated(artwork_list_filtered(filters.filters())).data)
        return Response(data)


class ProductDetailApi(ApiView):
    @extend_schema(
        tags=["products"],
        operation_id="products_retrieve",
        summary="One artwork",
        responses={200: ProductDetailSerializer, **error_responses(404)},
    )
    def get(self, request, product_id: int):
        artwork = artwork_get(pk=int(product_id))
        if artwork is None:
            raise exceptions.NotFound(f"There is no artwork with id {product_id}.")
        artwork = artwork_holds_settle(artwork=artwork, reload=lambda: artwork_get(pk=artwork.pk))
        # The same body for every client (nothing in it is per user; links are absolute,
        # hence the host in the key, and a hold's end is judged above against the clock):
        # serialised once per version of the catalogue (artiqo.core.cache).
        data = versioned_get_or_set(
            "api-product", artwork.pk, request.build_absolute_uri("/"), artwork.reserved_until,
            compute=lambda: ProductDetailSerializer(artwork, context={"request": request}).data)
        return Response(data)
