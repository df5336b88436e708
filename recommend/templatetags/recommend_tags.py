"""Template tags that place recommendation lists on pages.

`{% recommendations_for_user %}`, `{% recommendations_for_visitor %}`, `{% similar_artworks product %}`."""
import logging

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from artiqo.core.cache import versioned_get_or_set
from artiqo.core.pages import page_hole
from recommend import serving
from storefront.catalogue.viewlog import visitor_viewed_ids

register = template.Library()
logger = logging.getLogger(__name__)
# The name under which the visitor's picks are a hole of kept pages (registered in recommend.apps).
VISITOR_PICKS = "visitor-picks"


@register.inclusion_tag("recommend/recommended_for_you.html", takes_context=True)
def recommendations_for_user(context, n: int = 10):
    """"Recommended for you" for a buyer with a history; "Popular right now" for everyone else."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    try:
        recommendations = serving.recommendations_for_user(user=user, n=n)
    except Exception:
        # A side list must never take the page down with it; the log says what broke.
        logger.exception("Recommendations for the home/profile page failed")
        recommendations = None
    return {"recommendations": recommendations}


@register.simple_tag(takes_context=True)
def recommendations_for_visitor(context, n: int = 8, exclude=None):
    """A visitor's "because you looked at ..." section from the works in their signed looked-at cookie
    (per visitor: a hole of a page kept for visitors, artiqo.core.pages, and never inside a cached fragment)."""
    return page_hole(request=context.get("request"), name=VISITOR_PICKS, args=(n, exclude))


def visitor_picks_html(request, n: int = 8, exclude=None) -> str:
    """The "because you looked at ..." section for `request`'s visitor: nothing, and no query, before
    they looked at a work.

    The section follows from the works seen alone (and the model): every visitor with the same
    history shares it, so its HTML is kept until the catalogue changes (artiqo.core.cache) or a
    new model serves. Nothing in it is the viewer's own (the hearts are the same for everyone).
    """
    seen = tuple(visitor_viewed_ids(request=request)) if request is not None else ()
    if not seen:
        return ""
    try:
        served = serving.model_current()
        return mark_safe(versioned_get_or_set(
            "visitor-picks-html", seen, n, exclude, served.version if served is not None else None,
            compute=lambda: render_to_string("recommend/because_you_looked.html", {
                "recommendations": serving.recommendations_for_visitor(
                    seen_ids=list(seen), n=n, exclude_ids=frozenset([exclude]) if exclude else frozenset())})))
    except Exception:
        # A side list must never take the page down with it; the log says what broke.
        logger.exception("Recommendations for a visitor failed")
        return ""


@register.inclusion_tag("recommend/similar_artworks.html")
def similar_artworks(product, n: int = 6):
    """"Buyers of this also liked" and "More with this vibe" under an artwork."""
    try:
        similar = serving.similar_artworks_for(artwork=product, n=n)
    except Exception:
        logger.exception("Similar artworks for product %s failed", getattr(product, "pk", None))
        similar = None
    return {"similar": similar}
