"""Favourites and follows of the signed-in buyer (/api/v1/favourites, /api/v1/following).

Each caller sees and changes only their own: another buyer's entries do not exist for them
(a DELETE of a work they did not heart is 404). Anonymous calls are 401.
"""
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core.api.base import ApiListView, ApiView
from artiqo.core.api.schema import error_responses
from collectors import selectors, services
from collectors.api.serializers import (
    FavouriteCreateSerializer,
    FavouriteSerializer,
    FollowCreateSerializer,
    FollowSerializer,
)

FAVOURITES = ["favourites"]
FOLLOWING = ["following"]


class FavouriteListApi(ApiListView):
    permission_classes = [IsAuthenticated]
    serializer_class = FavouriteSerializer

    @extend_schema(tags=FAVOURITES, operation_id="favourites_list",
                   summary="The caller's favourite works, the latest hearted first, each with its artwork card",
                   responses={200: FavouriteSerializer(many=True), **error_responses(401, 404)})
    def get(self, request):
        return self.paginated(selectors.favourite_artwork_list(user=request.user))

    @extend_schema(tags=FAVOURITES, operation_id="favourites_add", summary="Heart a work",
                   request=FavouriteCreateSerializer,
                   responses={201: FavouriteSerializer, **error_responses(400, 401, 404, 409)})
    def post(self, request):
        body = FavouriteCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        product_id = body.validated_data["product_id"]
        services.favourite_add(user=request.user, product_id=product_id)
        artwork = selectors.favourite_artwork_list(user=request.user).get(pk=product_id)
        return Response(FavouriteSerializer(artwork, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


class FavouriteDetailApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=FAVOURITES, operation_id="favourites_remove", summary="Un-heart a work",
                   request=None, responses={204: None, **error_responses(401, 404)})
    def delete(self, request, product_id):
        services.favourite_remove(user=request.user, product_id=int(product_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class FollowingListApi(ApiListView):
    permission_classes = [IsAuthenticated]
    serializer_class = FollowSerializer

    @extend_schema(tags=FOLLOWING, operation_id="following_list",
                   summary="The artists the caller follows, the latest first, each with the artist's card",
                   responses={200: FollowSerializer(many=True), **error_responses(401, 404)})
    def get(self, request):
        return self.paginated(selectors.followed_artist_list(user=request.user))

    @extend_schema(tags=FOLLOWING, operation_id="following_add",
                   summary="Follow an artist (their new works come in a daily digest email)",
                   request=FollowCreateSerializer,
                   responses={201: FollowSerializer, **error_responses(400, 401, 404, 409)})
    def post(self, request):
        body = FollowCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        artist_id = body.validated_data["artist_id"]
        services.follow_add(user=request.user, artist_id=artist_id)
        artist = selectors.followed_artist_list(user=request.user).get(pk=artist_id)
        return Response(FollowSerializer(artist, context={"request": request}).data, status=status.HTTP_201_CREATED)


class FollowingDetailApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=FOLLOWING, operation_id="following_remove", summary="Stop following an artist",
                   request=None, responses={204: None, **error_responses(401, 404)})
    def delete(self, request, artist_id):
        services.follow_remove(user=request.user, artist_id=int(artist_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
