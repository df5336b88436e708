"""Studio endpoints (/api/v1/studio/): the caller's art, its images, the orders of it, the showcase, their
application to become an artist, their payouts."""
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core.api.base import ApiListView, ApiView
from artiqo.core.api.permissions import IsArtist
from artiqo.core.api.schema import error_responses
from artists.api.base import StudioErrorsMixin
from artists.selectors import artist_application_latest, artist_for_user
from artists.services import artist_application_submit, artist_showcase_update
from storefront.catalogue.colours import UnreadableImage
from storefront.catalogue.tagging import artwork_suggest
from storefront.payment.gateway import is_test_mode
from storefront.payouts.selectors import payout_account_for_artist, transfer_list_for_artist
from studio import selectors
from studio.api.serializers import (
    ArtistApplicationInputSerializer,
    ArtistApplicationSerializer,
    ArtworkInputSerializer,
    ArtworkSuggestionSerializer,
    ImageAddSerializer,
    PayoutAccountSerializer,
    PayoutListSerializer,
    PayoutTransferSerializer,
    ShipSerializer,
    ShowcaseSerializer,
    StudioArtworkSerializer,
    StudioImageSerializer,
    StudioOrderSerializer,
    SuggestInputSerializer,
)
from studio.services import (
    order_lines_ship,
    studio_artwork_create,
    studio_artwork_restore,
    studio_artwork_update,
    studio_artwork_withdraw,
    studio_image_add,
    studio_image_remove,
)

TAGS = ["studio"]
PARSERS = [JSONParser, MultiPartParser, FormParser]


class StudioMixin(StudioErrorsMixin):
    """Signed-in artists only (anonymous 401, other users 403); `self.artist` is the caller's."""

    permission_classes = [IsAuthenticated, IsArtist]
    parser_classes = PARSERS

    @property
    def artist(self):
        return self.request.user.artist

    def own_artwork(self, pk: int):
        artwork = selectors.studio_artwork_get(artist=self.artist, pk=pk)
        if artwork is None:
            raise exceptions.NotFound("You have no such artwork.")
        return artwork

    def artwork_response(self, pk: int, status_code: int = status.HTTP_200_OK) -> Response:
        artwork = self.own_artwork(pk)
        return Response(StudioArtworkSerializer(artwork, context={"request": self.request}).data, status=status_code)


def _service_fields(data: dict) -> dict:
    fields = dict(data)
    fields.pop("images", None)
    return fields


class StudioArtworkListApi(StudioMixin, ApiListView):
    serializer_class = StudioArtworkSerializer

    @extend_schema(tags=TAGS, operation_id="studio_artworks_list", summary="The caller's works, newest first",
                   responses={200: StudioArtworkSerializer(many=True), **error_responses(401, 403, 404)})
    def get(self, request):
        return self.paginated(selectors.studio_artwork_list(artist=self.artist))

    @extend_schema(tags=TAGS, operation_id="studio_artworks_create", summary="List a new work (multipart with images)",
                   request={"multipart/form-data": ArtworkInputSerializer},
                   responses={201: StudioArtworkSerializer, **error_responses(400, 401, 403)})
    def post(self, request):
        body = ArtworkInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        artwork = studio_artwork_create(artist=self.artist, images=body.validated_data["images"],
                                        **_service_fields(body.validated_data))
        return self.artwork_response(artwork.pk, status.HTTP_201_CREATED)


class StudioArtworkSuggestApi(StudioMixin, ApiView):
    @extend_schema(tags=TAGS, operation_id="studio_artworks_suggest",
                   summary="Vibe and colour tags suggested from a picture (multipart; nothing is saved)",
                   request={"multipart/form-data": SuggestInputSerializer},
                   responses={200: ArtworkSuggestionSerializer, **error_responses(400, 401, 403)})
    def post(self, request):
        body = SuggestInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            suggestions = artwork_suggest(**body.validated_data)
        except UnreadableImage as error:
            raise exceptions.ValidationError({"image": ["This file could not be read as an image."]}) from error
        return Response(ArtworkSuggestionSerializer(suggestions).data)


class StudioArtworkDetailApi(StudioMixin, ApiView):
    @extend_schema(tags=TAGS, operation_id="studio_artworks_retrieve", summary="One of the caller's works",
                   responses={200: StudioArtworkSerializer, **error_responses(401, 403, 404)})
    def get(self, request, pk: int):
        return self.artwork_response(pk)

    @extend_schema(tags=TAGS, operation_id="studio_artworks_update",
                   summary="Change one's work (images given are added)",
                   request={"multipart/form-data": ArtworkInputSerializer, "application/json": ArtworkInputSerializer},
                   responses={200: StudioArtworkSerializer, **error_responses(400, 401, 403, 404)})
    def patch(self, request, pk: int):
        artwork = self.own_artwork(pk)
        body = ArtworkInputSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        studio_artwork_update(artist=self.artist, artwork=artwork, new_images=body.validated_data.get("images", []),
                              **_service_fields(body.validated_data))
        return self.artwork_response(pk)

    @extend_schema(tags=TAGS, operation_id="studio_artworks_withdraw",
                   summary="Withdraw one's work from sale (restore it with POST …/restore)",
                   responses={204: None, **error_responses(401, 403, 404)})
    def delete(self, request, pk: int):
        studio_artwork_withdraw(artist=self.artist, artwork=self.own_artwork(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class StudioArtworkRestoreApi(StudioMixin, ApiView):
    @extend_schema(tags=TAGS, operation_id="studio_artworks_restore", summary="Put a withdrawn work on sale again",
                   request=None, responses={200: StudioArtworkSerializer, **error_responses(400, 401, 403, 404)})
    def post(self, request, pk: int):
        studio_artwork_restore(artist=self.artist, artwork=self.own_artwork(pk))
        return self.artwork_response(pk)


class StudioImageAddApi(StudioMixin, ApiView):
    @extend_schema(tags=TAGS, operation_id="studio_artwork_images_create", summary="Add an image to one's work",
                   request={"multipart/form-data": ImageAddSerializer},
                   responses={201: StudioImageSerializer, **error_responses(400, 401, 403, 404)})
    def post(self, request, pk: int):
        artwork = self.own_artwork(pk)
        body = ImageAddSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        image = studio_image_add(artist=self.artist, artwork=artwork, data=body.validated_data["image"])
        return Response(StudioImageSerializer(image, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


class StudioImageRemoveApi(StudioMixin, ApiView):
    @extend_schema(tags=TAGS, operation_id="studio_artwork_images_delete", summary="Remove an image of one's work",
                   responses={204: None, **error_responses(401, 403, 404, 409)})
    def delete(self, request, pk: int, image_id: int):
        studio_image_remove(artist=self.artist, artwork=self.own_artwork(pk), image_id=image_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StudioOrderListApi(StudioMixin, ApiListView):
    serializer_class = StudioOrderSerializer

    @extend_schema(tags=TAGS, operation_id="studio_orders_list",
                   summary="Orders of the caller's art (only their lines), newest first",
                   responses={200: StudioOrderSerializer(many=True), **error_responses(401, 403, 404)})
    def get(self, request):
        return self.paginated(selectors.studio_order_list(artist=self.artist))


class StudioOrderShipApi(StudioMixin, ApiView):
    @extend_schema(tags=TAGS, operation_id="studio_orders_ship",
                   summary="Mark some of one's lines of a paid order shipped (the buyer is emailed)",
                   request=ShipSerializer,
                   responses={200: StudioOrderSerializer, **error_responses(400, 401, 403, 404, 409)})
    def post(self, request, number: str):
        order = selectors.studio_order_get(artist=self.artist, number=number)
        if order is None:
            raise exceptions.NotFound(f"No order of your art has the number {number}.")
        body = ShipSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        order_lines_ship(artist=self.artist, order=order, line_ids=body.validated_data["line_ids"],
                         note=body.validated_data["note"])
        order = selectors.studio_order_get(artist=self.artist, number=number)
        return Response(StudioOrderSerializer(order, context={"request": request}).data)


class StudioShowcaseDetailApi(StudioMixin, ApiView):
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if getattr(request.user.artist, "page", None) is None:
            raise exceptions.NotFound("You have no showcase page yet.")

    @extend_schema(tags=TAGS, operation_id="studio_showcase_retrieve", summary="The caller's showcase page",
                   responses={200: ShowcaseSerializer, **error_responses(401, 403)})
    def get(self, request):
        return Response(ShowcaseSerializer(artist_for_user(user=request.user),
                                           context={"request": request}).data)

    @extend_schema(tags=TAGS, operation_id="studio_showcase_update",
                   summary="Change the showcase: texts, portrait (multipart), commission settings",
                   request={"multipart/form-data": ShowcaseSerializer, "application/json": ShowcaseSerializer},
                   responses={200: ShowcaseSerializer, **error_responses(400, 401, 403)})
    def patch(self, request):
        artist = artist_for_user(user=request.user)
        current = ShowcaseSerializer(artist, context={"request": request}).data
        body = ShowcaseSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        changes = {name: current[name] for name in
                   ("bio", "statement", "location", "accepts_commissions", "turnaround_weeks")}
        changes.update(body.validated_data)
        artist_showcase_update(artist=artist, user=request.user, **changes)
        return Response(ShowcaseSerializer(artist_for_user(user=request.user),
                                           context={"request": request}).data)


# `/api/v1/studio/application`: a signed-in buyer applies to sell on Artiqo, and sees the answer.
# (No docstring: the schema describes the endpoint by its summaries.)
class ArtistApplicationDetailApi(StudioErrorsMixin, ApiView):
    permission_classes = [IsAuthenticated]
    conflict_code = "application_exists"

    @extend_schema(tags=TAGS, operation_id="studio_application_retrieve",
                   summary="The caller's latest application to sell on Artiqo",
                   responses={200: ArtistApplicationSerializer, **error_responses(401, 404)})
    def get(self, request):
        application = artist_application_latest(user=request.user)
        if application is None:
            raise exceptions.NotFound("You have not applied to sell on Artiqo.")
        return Response(ArtistApplicationSerializer(application).data)

    @extend_schema(tags=TAGS, operation_id="studio_application_create",
                   summary="Apply to sell on Artiqo (an admin approves it; then the studio opens)",
                   description="409 while an application is waiting for review, or when the caller is an artist.",
                   request=ArtistApplicationInputSerializer,
                   responses={201: ArtistApplicationSerializer, **error_responses(400, 401, 409)})
    def post(self, request):
        body = ArtistApplicationInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = artist_application_submit(user=request.user, **body.validated_data)
        return Response(ArtistApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


# `GET /api/v1/studio/payouts`: the calling artist's payout account and every transfer to them.

class IsPayee(IsArtist):
    message = "Only artists are paid out; this account sells no art."


class StudioPayoutListApi(ApiListView):
    """Artists only: anonymous callers get 401, other signed-in users 403; a page past the end 404."""

    permission_classes = [IsAuthenticated, IsPayee]
    serializer_class = PayoutTransferSerializer

    @extend_schema(tags=TAGS, operation_id="studio_payouts_list",
                   summary="The caller's payout account and transfers (order, amount, currency, status, dates)",
                   responses={200: PayoutListSerializer, **error_responses(401, 403, 404)})
    def get(self, request):
        artist = request.user.artist
        response = self.paginated(transfer_list_for_artist(artist=artist))
        account = payout_account_for_artist(artist=artist)
        response.data = {"account": PayoutAccountSerializer().to_representation(account), "test_mode": is_test_mode(),
                         **response.data}
        return response
