"""OpenAPI schema hooks: the published schema covers Artiqo's own API v1 only."""


def only_api_v1(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: drop Wagtail admin's internal API views."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
