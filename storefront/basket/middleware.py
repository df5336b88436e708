"""Oscar's basket middleware, with the stock and price strategy built only when something prices.

Oscar's middleware builds the request's strategy (storefront.partner.strategy) before the
view runs, and building it resolves the user (the session and, signed in, the user row).
Most requests never price anything: a JSON view, a cached page fragment, an image, a
health check. Here `request.strategy` is lazy like `request.basket` already is, so those
requests pay for neither; the first price asked builds it, as before.
"""
from django.utils.functional import SimpleLazyObject
from oscar.apps.basket import middleware as oscar_middleware


class BasketMiddleware(oscar_middleware.BasketMiddleware):
    """Oscar's BasketMiddleware; its request.strategy is built on first use."""

    def __call__(self, request):
        request.cookies_to_delete = []
        request.strategy = SimpleLazyObject(
            lambda: oscar_middleware.selector.strategy(request=request, user=request.user))
        request._basket_cache = None

        def load_full_basket():
            basket = self.get_basket(request)
            basket.strategy = request.strategy
            self.apply_offers_to_basket(request, basket)
            return basket

        def load_basket_hash():
            basket = self.get_basket(request)
            if basket.id:
                return self.get_basket_hash(basket.id)
            return None

        request.basket = SimpleLazyObject(load_full_basket)
        request.basket_hash = SimpleLazyObject(load_basket_hash)
        response = self.get_response(request)
        return self.process_response(request, response)
