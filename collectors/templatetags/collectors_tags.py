"""`{% collector_state %}`: what the page's hearts and Follow buttons need to know of this visitor.

Rendered by base.html outside every cached fragment: the ids the buyer hearted and the
artists they follow (one small query, signed-in visitors only), the CSRF token for the
API calls, and where to sign in. collectors/static/collectors/collect.js reads it.
"""
from django import template
from django.middleware.csrf import get_token
from django.utils.html import json_script

from artiqo.core.links import url_fixed
from collectors.selectors import collector_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def collector_state(context):
    request = context.get("request")
    if request is None:
        return ""
    user = getattr(request, "user", None)
    signed_in = bool(getattr(user, "is_authenticated", False))
    favourites, following = collector_ids(user=user)
    state = {
        "signedIn": signed_in,
        "favourites": favourites,
        "following": following,
        "csrf": get_token(request) if signed_in else "",
        "loginUrl": url_fixed("customer:login"),
        "favouritesApi": url_fixed("collectors-api:favourites"),
        "followingApi": url_fixed("collectors-api:following"),
    }
    return json_script(state, "collector-state")
