"""Checkout forms: the delivery address (on the shop's default country) and "place order and pay".

The card is typed on the gateway's hosted page, never here.
"""
import uuid

from django import forms
from oscar.apps.checkout.forms import ShippingAddressForm as OscarShippingAddressForm

from storefront.accounts.forms import DefaultCountryMixin


class ShippingAddressForm(DefaultCountryMixin, OscarShippingAddressForm):
    """Oscar's delivery address form (shipping countries only), starting on the shop's default country."""


class HostedPaymentForm(forms.Form):
    """Only the attempt token: the buyer types their card on the gateway's hosted page."""

    # One token per rendered form: submitting the same page twice is the same payment attempt.
    attempt_token = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("attempt_token", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
