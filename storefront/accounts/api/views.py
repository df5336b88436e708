"""Users endpoints of the accounts app: register, login, logout, profile, viewUsers (thin: services do the work)."""
from django.contrib.auth import logout as session_logout
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from artiqo.core.api.base import ApiListView, ApiView
from artiqo.core.api.permissions import IsStaff
from artiqo.core.api.schema import error_responses
from artiqo.core.api.throttling import RegisterRateThrottle
from storefront.accounts import services
from storefront.accounts.api.serializers import (
    AdminUserSerializer,
    LoginSerializer,
    ProfileSerializer,
    RegisterSerializer,
    TokenSerializer,
    UserSerializer,
)
from storefront.accounts.selectors import user_get, user_list

TAGS = ["users"]


class CredentialsApiBase(ApiView):
    """Base of the sign-up and sign-in views: open to all, a stale token is no obstacle."""

    authentication_classes = []
    permission_classes = []

    def get_authenticate_header(self, request):
        # Without authenticators DRF would turn 401 into 403; a failed login is a 401.
        return "Token"


class UserRegisterApi(CredentialsApiBase):
    throttle_classes = [RegisterRateThrottle]

    @extend_schema(
        tags=TAGS,
        operation_id="users_register",
        summary="Create a buyer account",
        request=RegisterSerializer,
        responses={201: UserSerializer, **error_responses(400, 429)},
    )
    def post(self, request):
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_register(**serializer.validated_data)
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)


class UserLoginApi(CredentialsApiBase):
    @extend_schema(
        tags=TAGS,
        operation_id="users_login",
        summary="Log in: get an API token",
        description="Locked for a while after repeated failures for one account (429, Retry-After).",
        request=LoginSerializer,
        responses={201: TokenSerializer, **error_responses(400, 401, 429)},
    )
    def post(self, request):
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user, token = services.user_login(request=request, **serializer.validated_data)
        return Response(TokenSerializer({"token": token, "user": user}).data, status=status.HTTP_201_CREATED)


class UserLogoutApi(ApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        operation_id="users_logout",
        summary="Log out: the token stops working",
        request=None,
        responses={204: OpenApiResponse(description="Logged out."), **error_responses(401)},
    )
    def post(self, request):
        services.user_logout(user=request.user)
        session_logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProfileDetailApi(ApiView):
    permission_classes = [IsAuthenticated]

    def _profile_response(self, user):
        return Response(UserSerializer(user_get(pk=user.pk)).data)

    def _update(self, request, *, partial: bool):
        serializer = ProfileSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.user_profile_update(user=request.user, **serializer.validated_data)
        return self._profile_response(request.user)

    @extend_schema(tags=TAGS, operation_id="users_profile_retrieve", summary="The caller's profile",
                   responses={200: UserSerializer, **error_responses(401)})
    def get(self, request):
        return self._profile_response(request.user)

    @extend_schema(tags=TAGS, operation_id="users_profile_update", summary="Replace the editable profile fields",
                   request=ProfileSerializer, responses={200: UserSerializer, **error_responses(400, 401)})
    def put(self, request):
        return self._update(request, partial=False)

    @extend_schema(tags=TAGS, operation_id="users_profile_partial_update", summary="Change some profile fields",
                   request=ProfileSerializer, responses={200: UserSerializer, **error_responses(400, 401)})
    def patch(self, request):
        return self._update(request, partial=True)


class UserListApi(ApiListView):
    permission_classes = [IsStaff]
    serializer_class = AdminUserSerializer

    @extend_schema(tags=TAGS, operation_id="users_view_users", summary="All users (administrators only)",
                   responses={200: AdminUserSerializer(many=True), **error_responses(401, 403, 404)})
    def get(self, request):
        return self.paginated(user_list())
