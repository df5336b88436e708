"""`{% artwork_reviews product %}`: a work's verified reviews on its page, with what the viewer may do.

A tag, not the page view's context, so the catalogue's view never imports its reviews.
"""
from django import template

from storefront.catalogue.reviews.selectors import review_context

register = template.Library()


@register.inclusion_tag("catalogue/reviews/section.html", takes_context=True)
def artwork_reviews(context, product):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"product": product, "request": request, "csrf_token": context.get("csrf_token"),
            **review_context(product=product, user=user)}
