"""One JSON error shape for the API: `{"error": {"code", "message", "fields"}}`.

The one place where errors become HTTP answers: DRF's own exceptions, Django's
Http404/PermissionDenied/ValidationError and the services' ApplicationErrors
(`artiqo.core.errors`: their kind gives the status, their `code` and `message` the body)
all end up here; anything unexpected is logged and answered in the same shape, never as
an HTML page.
"""
from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from artiqo.core import errors

logger = logging.getLogger("artiqo.api")

# The status of each kind of ApplicationError (an error's own `http_status` comes first).
KIND_STATUS: dict[type[errors.ApplicationError], int] = {
    errors.NotFound: status.HTTP_404_NOT_FOUND,
    errors.NotPermitted: status.HTTP_403_FORBIDDEN,
    errors.Conflict: status.HTTP_409_CONFLICT,
    errors.Unavailable: status.HTTP_503_SERVICE_UNAVAILABLE,
    errors.Invalid: status.HTTP_400_BAD_REQUEST,
}


def error_body(*, code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _application_error_to_api(exc: errors.ApplicationError, context: dict) -> exceptions.APIException:
    kind = errors.error_kind(exc)
    if kind is errors.Invalid:
        # The same answer as a serializer's: field messages under `fields`, code `invalid`.
        return exceptions.ValidationError(exc.fields or {"non_field_errors": [exc.message]})
    status_code = exc.http_status or KIND_STATUS[kind]
    retry_after = getattr(exc, "retry_after", None)
    if status_code == status.HTTP_429_TOO_MANY_REQUESTS:
        return exceptions.Throttled(wait=retry_after, detail=exc.message, code=exc.code)
    if status_code == status.HTTP_401_UNAUTHORIZED:
        api_exc = exceptions.AuthenticationFailed(exc.message, code=exc.code)
        # As DRF's APIView does: a 401 names the scheme, and without one it is a 403.
        view, request = context.get("view"), context.get("request")
        auth_header = view.get_authenticate_header(request) if view is not None and request is not None else None
        if auth_header:
            api_exc.auth_header = auth_header
        else:
            api_exc.status_code = status.HTTP_403_FORBIDDEN
        return api_exc
    api_exc = exceptions.APIException(detail=exc.message, code=exc.code)
    api_exc.status_code = status_code
    api_exc.extra_fields = exc.fields
    if retry_after is not None:
        api_exc.wait = retry_after
    return api_exc


def _as_api_exception(exc: Exception, context: dict) -> exceptions.APIException | None:
    if isinstance(exc, errors.ApplicationError):
        return _application_error_to_api(exc, context)
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(detail=as_serializer_error(exc))
    return None


def _code_of(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    if isinstance(exc, exceptions.ParseError):
        return "malformed_request"
    detail_code = getattr(exc.detail, "code", None)
    return str(detail_code or exc.default_code)


def _message_and_fields(exc: exceptions.APIException) -> tuple[str, dict]:
    detail = exc.detail
    if isinstance(exc, exceptions.ValidationError):
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        return "The request is invalid; see the field messages.", fields
    if isinstance(detail, dict):
        return "The request failed.", detail
    if isinstance(detail, list):
        return " ".join(str(item) for item in detail), {}
    return str(detail), dict(getattr(exc, "extra_fields", {}))


def api_exception_handler(exc: Exception, context: dict) -> Response:
    """DRF EXCEPTION_HANDLER: every error as `{"error": {...}}` with a fitting status."""
    api_exc = _as_api_exception(exc, context)
    if api_exc is None:
        # A bug: keep the client's answer in the API's shape, and make it loud in the logs.
        logger.exception("Unhandled error in %s", context.get("view").__class__.__name__, exc_info=exc)
        set_rollback()
        return Response(
            error_body(code="server_error", message="Something went wrong on our side; it has been logged."),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    response = drf_exception_handler(api_exc, context)
    message, fields = _message_and_fields(api_exc)
    response.data = error_body(code=_code_of(api_exc), message=message, fields=fields)
    return response


@csrf_exempt  # a token client's POST to a wrong path must get this 404, not a CSRF page
def api_not_found(request, *args, **kwargs) -> JsonResponse:
    """Any path under /api/v1/ that names no endpoint (instead of the CMS's HTML 404)."""
    return JsonResponse(
        error_body(code="not_found", message=f"No API endpoint at {request.path}."),
        status=status.HTTP_404_NOT_FOUND,
    )
