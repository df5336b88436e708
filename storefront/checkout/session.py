"""Oscar's checkout session mixin in the shop's words: a "cart", never a "basket".

Every checkout step (and the review opened directly) checks these first and sends the
buyer to the step that is missing, with this message.
"""
from django.urls import reverse
from oscar.apps.checkout import exceptions
from oscar.apps.checkout.session import CheckoutSessionMixin as OscarCheckoutSessionMixin


class CheckoutSessionMixin(OscarCheckoutSessionMixin):
    def check_basket_is_not_empty(self, request):
        if request.basket.is_empty:
            raise exceptions.FailedPreCondition(
                url=reverse("basket:summary"),
                message="Your cart is empty: add a work to it before checking out.",
            )

    def check_a_valid_shipping_address_is_captured(self):
        if not self.checkout_session.is_shipping_address_set():
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:shipping-address"),
                message="Where should we send your art? Choose a delivery address first.",
            )
        super().check_a_valid_shipping_address_is_captured()
