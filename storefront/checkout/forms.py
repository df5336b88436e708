"""Checkout forms: the delivery address (on the shop's default country).

"Place order and pay" is storefront.payment.forms.HostedPaymentForm: the card is typed on
the gateway's hosted page, never here.
"""
from django.conf import settings
from oscar.apps.checkout.forms import ShippingAddressForm as OscarShippingAddressForm



class DefaultCountryMixin:
    """A new address starts on `ARTIQO_DEFAULT_COUNTRY` when that country is one of the choices.

    Only the first display changes: an address being edited, one the buyer typed before,
    and every submitted form keep their own country.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("country")
        if field is None or self.is_bound or self.initial.get("country") or self.instance.country_id:
            return
        code = (getattr(settings, "ARTIQO_DEFAULT_COUNTRY", "") or "").upper()
        if code and field.queryset.filter(pk=code).exists():
            self.initial["country"] = code


class ShippingAddressForm(DefaultCountryMixin, OscarShippingAddressForm):
    """Oscar's delivery address form (shipping countries only), starting on the shop's default country."""
