"""OpenAPI pieces shared by the endpoints: the error body and its documented statuses."""
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

ERROR_DESCRIPTIONS = {
    400: "Invalid body or query: `fields` holds the messages per field.",
    401: "Missing or bad credentials (`Authorization: Token <token>`).",
    403: "Signed in, but not allowed.",
    404: "Unknown id (or not yours).",
    405: "The path does not support this method.",
    409: "Conflict with the current state (sold out, not enough stock, empty cart...).",
    422: "The Idempotency-Key was already used with a different body.",
    429: "Too many requests: see the Retry-After header.",
}


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable machine-readable code, e.g. `sold_out`.")
    message = serializers.CharField(help_text="A sentence for humans.")
    fields = serializers.DictField(
        child=serializers.JSONField(), help_text="Messages per field (400) or extra facts (409)."
    )


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer."""

    error = ErrorDetailSerializer()


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """`responses=` entries documenting the given error statuses (405 is added to all)."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code])
        for code in sorted({*statuses, 405})
    }


# Every path answers with and without a trailing slash; the schema (and so the Postman
# collection) spells each one as the product brief does: these with a slash, others without.
SLASHED_PATHS = {"/api/v1/artists/", "/api/v1/orders/", "/api/v1/order/orderartview/"}


def _brief_spelling(path: str, path_regex: str) -> str:
    # Only paths made with api_path (regex ending in "/?$") answer both spellings.
    if path in SLASHED_PATHS or not path_regex.endswith("/?$"):
        return path
    return path.rstrip("/")


def brief_spellings(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: publish the brief's spelling of each path."""
    return [
        (_brief_spelling(path, path_regex), path_regex, method, callback)
        for path, path_regex, method, callback in endpoints
    ]
