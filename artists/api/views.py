"""Artists endpoints: artists by name, and one artist with their newest works."""
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from artiqo.core.api.base import ApiListView, ApiView
from artiqo.core.api.schema import error_responses
from artists.selectors import artist_get, artist_list
from storefront.catalogue.api.serializers import ArtistDetailSerializer, ArtistSerializer
from storefront.catalogue.selectors import artwork_list

# An artist's detail shows this many of their newest works; `artworks_url` pages the rest.
ARTIST_ARTWORKS_SHOWN = 60


class ArtistListApi(ApiListView):
    serializer_class = ArtistSerializer

    @extend_schema(
        tags=["artists"],
        operation_id="artists_list",
        summary="Artists, by name",
        responses={200: ArtistSerializer(many=True), **error_responses(404)},
    )
    def get(self, request):
        return self.paginated(artist_list())


class ArtistDetailApi(ApiView):
    @extend_schema(
        tags=["artists"],
        operation_id="artists_retrieve",
        summary="One artist with their artworks",
        responses={200: ArtistDetailSerializer, **error_responses(404)},
    )
    def get(self, request, artist_id: int):
        artist = artist_get(pk=int(artist_id))
        if artist is None:
            raise exceptions.NotFound(f"There is no artist with id {artist_id}.")
        artist.artwork_rows = list(artwork_list(artist_id=artist.pk)[:ARTIST_ARTWORKS_SHOWN])
        return Response(ArtistDetailSerializer(artist, context={"request": request}).data)
