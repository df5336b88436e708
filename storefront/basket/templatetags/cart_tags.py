"""`{% cart_count %}`: how many items the visitor's cart holds, for the header on every page;
`{% cart_hold_note line as note %}`: on the cart page, the price a held work keeps and until when."""
from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag(takes_context=True)
def cart_count(context) -> int:
    """The number of items in the request's cart, without loading a cart that cannot exist.

    A visitor who never added anything has no cart cookie, so their cart is empty: loading
    it (Oscar builds an empty basket and applies the offers to it) was a tenth of a
    cached page's time, on the pages most visitors see.
    """
    request = context.get("request")
    if request is None or not hasattr(request, "basket"):
        return 0
    user = getattr(request, "user", None)
    if not (user is not None and user.is_authenticated) and settings.OSCAR_BASKET_COOKIE_OPEN not in request.COOKIES:
        return 0
    return request.basket.num_items or 0


@register.simple_tag(takes_context=True)
def cart_hold_note(context, line) -> str:
    """“Your offer price, held until 14:05 tomorrow” for a line whose work is held for the buyer, else "".

    Only allocated stock can be held: other lines cost nothing, and the cart's holds are
    read once a page.
    """
    from storefront.basket.selectors import cart_holds_get, hold_note

    request = context.get("request")
    record = getattr(line, "stockrecord", None)
    if request is None or record is None or not (record.num_allocated or 0) > 0:
        return ""
    if not hasattr(request, "_artiqo_cart_holds"):
        request._artiqo_cart_holds = cart_holds_get(user=getattr(request, "user", None))
    hold = request._artiqo_cart_holds.get(line.product_id)
    return hold_note(hold) if hold is not None else ""
