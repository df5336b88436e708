"""`/api/v1/studio/application`: a signed-in buyer applies to sell on Artiqo, and sees the answer."""
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core.api.base import ApiView
from artiqo.core.api.schema import error_responses
from artists.api.base import StudioErrorsMixin
from artists.api.serializers import ArtistApplicationInputSerializer, ArtistApplicationSerializer
from artists.application_services import artist_application_submit
from artists.selectors import artist_application_latest

TAGS = ["studio"]


class ArtistApplicationView(StudioErrorsMixin, ApiView):
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
