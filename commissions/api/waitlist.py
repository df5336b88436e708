"""Waitlist endpoints: a buyer joins or leaves a full artist's line (`/api/v1/artists/{id}/waitlist`); the artist
sees theirs and sets how many special orders they take at once (`/api/v1/studio/waitlist`)."""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core.api.base import ApiView
from artiqo.core.api.permissions import IsArtist
from artiqo.core.api.schema import error_responses
from artists.models import Artist
from commissions import selectors
from commissions.waitlist import MAX_SLOTS, commission_slots_set, waitlist_join, waitlist_leave

TAGS = ["waitlist"]


class CommissionAvailabilitySerializer(serializers.Serializer):
    slots = serializers.IntegerField(allow_null=True, help_text="Special orders taken at once; null: no limit.")
    used = serializers.IntegerField(help_text="Open special orders plus live invitations.")
    waiting = serializers.IntegerField()
    is_full = serializers.BooleanField()


class WaitlistEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    status = serializers.CharField(help_text="`waiting`, `invited` (send your request by `invite_expires_at`), "
                                             "`used`, `expired` or `left`.")
    brief = serializers.CharField()
    created_at = serializers.DateTimeField()
    invite_expires_at = serializers.DateTimeField(allow_null=True)


class BuyerWaitlistSerializer(serializers.Serializer):
    artist_id = serializers.IntegerField()
    availability = CommissionAvailabilitySerializer()
    entry = WaitlistEntrySerializer(allow_null=True, help_text="The caller's place, if they are in line or invited.")
    position = serializers.IntegerField(allow_null=True, help_text="1 for the first in line; null once invited.")


class WaitlistJoinSerializer(serializers.Serializer):
    brief = serializers.CharField(max_length=4000, help_text="What the buyer would like, in a few lines.")


class StudioWaitlistEntrySerializer(WaitlistEntrySerializer):
    buyer_name = serializers.CharField()


class StudioWaitlistSerializer(serializers.Serializer):
    availability = CommissionAvailabilitySerializer()
    entries = StudioWaitlistEntrySerializer(many=True)


class StudioWaitlistUpdateSerializer(serializers.Serializer):
    slots = serializers.IntegerField(allow_null=True, min_value=1, max_value=MAX_SLOTS,
                                     help_text="Special orders taken at once; null for no limit.")


ARTIST_ID = OpenApiParameter("artist_id", int, OpenApiParameter.PATH)


class ArtistWaitlistApi(ApiView):
    permission_classes = [IsAuthenticated]

    def _artist(self, artist_id: int) -> Artist:
        artist = Artist.objects.filter(pk=artist_id, accepts_commissions=True).first()
        if artist is None:
            raise exceptions.NotFound("No artist taking special orders has this id.")
        return artist

    def _state(self, request, artist, status_code=status.HTTP_200_OK) -> Response:
        entry = selectors.waitlist_entry_open(artist=artist, buyer=request.user)
        return Response(BuyerWaitlistSerializer({
            "artist_id": artist.pk, "availability": selectors.commission_availability(artist=artist),
            "entry": entry, "position": selectors.waitlist_position(entry=entry),
        }).data, status=status_code)

    @extend_schema(tags=TAGS, operation_id="artist_waitlist_retrieve", parameters=[ARTIST_ID],
                   summary="Whether the artist's commission slots are full, and the caller's place in line",
                   responses={200: BuyerWaitlistSerializer, **error_responses(401, 404)})
    def get(self, request, artist_id: int):
        return self._state(request, self._artist(artist_id))

    @extend_schema(tags=TAGS, operation_id="artist_waitlist_join", parameters=[ARTIST_ID],
                   summary="Join a full artist's waitlist with a brief (409 `commissions_open` when a slot is free)",
                   request=WaitlistJoinSerializer,
                   responses={201: BuyerWaitlistSerializer, **error_responses(400, 401, 404, 409)})
    def post(self, request, artist_id: int):
        artist = self._artist(artist_id)
        body = WaitlistJoinSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        waitlist_join(buyer=request.user, artist=artist, brief=body.validated_data["brief"])
        return self._state(request, artist, status.HTTP_201_CREATED)

    @extend_schema(tags=TAGS, operation_id="artist_waitlist_leave", parameters=[ARTIST_ID],
                   summary="Leave the waitlist (or give up an invitation: the next buyer is invited)",
                   responses={204: None, **error_responses(401, 404)})
    def delete(self, request, artist_id: int):
        waitlist_leave(buyer=request.user, artist=self._artist(artist_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class StudioWaitlistApi(ApiView):
    permission_classes = [IsAuthenticated, IsArtist]

    def _state(self, artist) -> Response:
        return Response(StudioWaitlistSerializer({
            "availability": selectors.commission_availability(artist=artist),
            "entries": list(selectors.waitlist_for_artist(artist=artist)[:200]),
        }).data)

    @extend_schema(tags=TAGS, operation_id="studio_waitlist_retrieve",
                   summary="For an artist: their commission slots and their waitlist (invited first, then in line)",
                   responses={200: StudioWaitlistSerializer, **error_responses(401, 403)})
    def get(self, request):
        return self._state(request.user.artist)

    @extend_schema(tags=TAGS, operation_id="studio_waitlist_update",
                   summary="For an artist: how many special orders they take at once (more room invites buyers)",
                   request=StudioWaitlistUpdateSerializer,
                   responses={200: StudioWaitlistSerializer, **error_responses(400, 401, 403)})
    def patch(self, request):
        body = StudioWaitlistUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        artist = commission_slots_set(artist=request.user.artist, slots=body.validated_data["slots"])
        return self._state(artist)
