"""Checkout forms: the delivery address (on the shop's default country).

"Place order and pay" is storefront.payment.forms.HostedPaymentForm: the card is typed on
the gateway's hosted page, never here.
"""
from oscar.apps.checkout.forms import ShippingAddressForm as OscarShippingAddressForm

from storefront.accounts.forms import DefaultCountryMixin


class ShippingAddressForm(DefaultCountryMixin, OscarShippingAddressForm):
    """Oscar's delivery address form (shipping countries only), starting on the shop's default country."""
