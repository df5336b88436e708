"""`{% versioned_cache "name" vary_on... %}…{% endversioned_cache %}`: a fragment kept until the catalogue changes.

Like Django's `{% cache %}`, but the key carries the catalogue's version (artiqo.core.cache),
so a sale, a price, a new work, a feature or a CMS edit shows on the next request. Only
wrap markup that is the same for every visitor: no CSRF token, no CSP nonce, nothing of
the user's (those stay outside, rendered on every request).
"""
from django import template
from django.utils.safestring import mark_safe

from artiqo.core.cache import versioned_get_or_set

register = template.Library()


class VersionedCacheNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):
            # An editor's preview shows the draft, never the published page's fragment.
            return self.nodelist.render(context)
        parts = tuple(part.resolve(context) for part in self.parts)
        return mark_safe(versioned_get_or_set("fragment", *map(str, parts),
                                              compute=lambda: str(self.nodelist.render(context))))


@register.tag("versioned_cache")
def do_versioned_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name")
    nodelist = parser.parse(("endversioned_cache",))
    parser.delete_first_token()
    return VersionedCacheNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])
