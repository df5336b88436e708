"""Checkout forms: the delivery address (on the shop's default country) and "place order and pay".

The card is typed on the gateway's hosted page, never here.
"""
import uuid

from django import forms
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


class HostedPaymentForm(forms.Form):
    """Only the attempt token: the buyer types their card on the gateway's hosted page."""

    # One token per rendered form: submitting the same page twice is the same payment attempt.
    attempt_token = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("attempt_token", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
