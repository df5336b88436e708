"""Which shipping methods a basket may use: delivery needs an address, collection never does."""
from oscar.apps.shipping import repository

from storefront.shipping.methods import StandardDelivery, StudioCollection


class Repository(repository.Repository):
    methods = (StandardDelivery(), StudioCollection())

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        if shipping_addr is None:
            return [StudioCollection()]
        return list(self.methods)

    def get_default_shipping_method(self, basket, shipping_addr=None, **kwargs):
        # Only the cart page asks, for its estimate: standard delivery, which most orders
        # take, whether or not an address is known yet (collection is chosen at checkout).
        return StandardDelivery()

    def method_get(self, *, basket, code: str | None, shipping_addr=None):
        """The method with `code` if this basket and address may use it, else None."""
        methods = self.get_shipping_methods(basket, shipping_addr=shipping_addr)
        if code is None:
            return methods[0]
        return next((method for method in methods if method.code == code), None)
