"""The page shell's tags: fixed links, static files and the footer, each worked out once per process.

`{% url_fixed "name" %}` and `{% static_fixed "path" %}` are `{% url %}` and `{% static %}`
for links that take no arguments (artiqo.core.links). `{% site_footer %}` renders
includes/site_footer.html once per kind of viewer (visitor, buyer, artist): the footer
shows nothing else of the viewer, so every viewer of a kind shares its HTML.
"""
from __future__ import annotations

from django import template
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from artiqo.core import links

register = template.Library()

FOOTER = "includes/site_footer.html"

# (kind, urlconf, script prefix, language) -> (the template it came from, its HTML).
_footers: dict[tuple, tuple[object, str]] = {}


@register.simple_tag
def url_fixed(name: str) -> str:
    return links.url_fixed(name)


@register.simple_tag
def static_fixed(path: str) -> str:
    return links.static_fixed(path)


def viewer_kind(user) -> str:
    """"visitor", "buyer" or "artist": all the footer tells apart."""
    if user is None or not user.is_authenticated:
        return "visitor"
    return "artist" if getattr(user, "artist", None) else "buyer"


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    user = context.get("user")
    kind = viewer_kind(user)
    # The cached loader hands out the same Template until a template changes (runserver's
    # autoreload, a test's TEMPLATES): a different one means the kept HTML is out of date.
    footer = get_template(FOOTER)
    key = (kind, get_urlconf(), get_script_prefix(), get_language())
    kept = _footers.get(key)
    if kept is None or kept[0] is not footer.template:
        kept = _footers[key] = (footer.template, footer.render({"user": user}))
    return mark_safe(kept[1])
