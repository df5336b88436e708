"""One JSON error shape for the API: `{"error": {"code", "message", "fields"}}`.

DRF's own exceptions, Django's Http404/PermissionDenied/ValidationError and the domain
exceptions of the services (cart, orders) all end up here and leave with the status
that fits; anything unexpected is logged and answered in the same shape, never as an
HTML page.
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

from storefront.basket import services as basket_services
from storefront.order import exceptions as order_exceptions
from storefront.payment.gateway import PaymentsNotConfigured

logger = logging.getLogger("artiqo.api")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


class UnprocessableEntity(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request cannot be processed."
    default_code = "unprocessable"


class LoginLocked(exceptions.Throttled):
    default_code = "login_locked"


# Domain exceptions of the services → (HTTP status, error code). Subclasses inherit the
# mapping of their closest listed ancestor, so a new subclass needs no new line here.
DOMAIN_ERRORS: dict[type[Exception], tuple[int, str]] = {
    basket_services.ProductNotFound: (status.HTTP_404_NOT_FOUND, "product_not_found"),
    basket_services.LineNotFound: (status.HTTP_404_NOT_FOUND, "not_in_cart"),
    basket_services.ArtworkSoldOut: (status.HTTP_409_CONFLICT, "sold_out"),
    basket_services.InsufficientStock: (status.HTTP_409_CONFLICT, "insufficient_stock"),
    basket_services.PurchaseNotPermitted: (status.HTTP_409_CONFLICT, "purchase_not_permitted"),
    order_exceptions.EmptyBasket: (status.HTTP_409_CONFLICT, "empty_cart"),
    order_exceptions.ArtworkUnavailable: (status.HTTP_409_CONFLICT, "sold_out"),
    order_exceptions.InvalidShipping: (status.HTTP_400_BAD_REQUEST, "invalid"),
    order_exceptions.OrderError: (status.HTTP_409_CONFLICT, "order_refused"),
    PaymentsNotConfigured: (status.HTTP_503_SERVICE_UNAVAILABLE, "payments_not_configured"),
}


def error_body(*, code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _domain_exception_to_api(exc: Exception) -> exceptions.APIException | None:
    for klass in type(exc).__mro__:
        if klass in DOMAIN_ERRORS:
            status_code, code = DOMAIN_ERRORS[klass]
            api_exc = exceptions.APIException(detail=getattr(exc, "message", None) or str(exc), code=code)
            api_exc.status_code = status_code
            extra = {name: getattr(exc, name) for name in ("num_available",) if getattr(exc, name, None) is not None}
            api_exc.extra_fields = extra
            return api_exc
    return None


def _as_api_exception(exc: Exception) -> exceptions.APIException | None:
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(detail=as_serializer_error(exc))
    return _domain_exception_to_api(exc)


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
    api_exc = _as_api_exception(exc)
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
