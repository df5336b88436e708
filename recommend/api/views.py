"""REST API v1 recommendations: GET /api/v1/recommendations/ and GET /api/v1/products/{id}/similar."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from artiqo.core.api.base import ApiView
from artiqo.core.api.schema import error_responses
from artiqo.core.cache import versioned_get_or_set
from recommend.api.serializers import (
    LimitSerializer,
    RecommendationListSerializer,
    RecommendationSerializer,
    SimilarSerializer,
)
from recommend.selectors import artwork_seed_get
from recommend.serving import Recommendation, recommendations_for_user, similar_artworks_for
from recommend.store import model_current


def _limit(request) -> int:
    params = LimitSerializer(data={key: value for key, value in request.query_params.items() if value != ""})
    params.is_valid(raise_exception=True)
    return params.validated_data["limit"]


def _items(items: list[Recommendation], request) -> list[dict]:
    return RecommendationSerializer(items, many=True, context={"request": request}).data


class RecommendationListApi(ApiView):
    """Works for the caller: personal when signed in with a history, popular and featured otherwise."""

    http_method_names = ["get", "head", "options"]

    @extend_schema(
        tags=["recommendations"],
        operation_id="recommendations_list",
        summary="Recommended artworks for the caller, each with a reason",
        parameters=[LimitSerializer],
        responses={200: RecommendationListSerializer, **error_responses(400)},
    )
    def get(self, request):
        limit = _limit(request)

        def answer() -> dict:
            result = recommendations_for_user(user=request.user, n=limit)
            return {
                "personalised": result.personalised,
                "model_version": result.model_version,
                "results": _items(result.items, request),
            }

        if request.user.is_authenticated:
            return Response(answer())
        # Every visitor gets the same list: kept until the catalogue or the model changes.
        served = model_current()
        return Response(versioned_get_or_set("api-recommendations", request.build_absolute_uri(), limit,
                                             served.version if served is not None else None, compute=answer))


class SimilarArtworkListApi(ApiView):
    """Under an artwork: works its buyers also liked, and more with its vibe."""

    http_method_names = ["get", "head", "options"]

    @extend_schema(
        tags=["products"],
        operation_id="products_similar",
        summary="Artworks similar to one artwork",
        parameters=[LimitSerializer],
        responses={200: SimilarSerializer, **error_responses(400, 404)},
    )
    def get(self, request, product_id: str):
        limit = _limit(request)
        artwork = artwork_seed_get(pk=int(product_id))
        if artwork is None:
            raise exceptions.NotFound(f"There is no artwork with id {product_id}.")
        similar = similar_artworks_for(artwork=artwork, n=limit)
        return Response({
            "product_id": artwork.pk,
            "model_version": similar.model_version,
            "buyers_also_liked": _items(similar.buyers_also_liked, request),
            "more_with_this_vibe": _items(similar.more_with_this_vibe, request),
        })
