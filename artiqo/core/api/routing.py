"""URL helpers for the API: every path answers with and without a trailing slash."""
from django.urls import re_path


def api_path(route: str, view, name: str | None = None):
    """A URL pattern for `route` (regex without anchors or trailing slash) + optional slash.

    Clients such as Postman call `/api/v1/users/login` and `/api/v1/users/login/` alike;
    a redirect would turn a POST into a GET, so both spellings match the same view.
    """
    return re_path(rf"^{route.strip('/')}/?$", view, name=name)


# A numeric id in a path: at most 18 digits, so every such id fits a 64-bit key and no
# lookup can overflow.
ID = "[0-9]{1,18}"
