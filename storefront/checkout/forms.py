"""Checkout forms: "place order and pay" (the card is typed on the gateway's hosted page, never here)."""
import uuid

from django import forms

from storefront.payment.exceptions import InvalidPaymentMethod
from storefront.payment.gateway import is_test_mode
from storefront.payment.services import payment_method_from_input


class HostedPaymentForm(forms.Form):
    """Only the attempt token: the buyer types their card on the gateway's hosted page."""

    # One token per rendered form: submitting the same page twice is the same payment attempt.
    attempt_token = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("attempt_token", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)


class PaymentForm(forms.Form):
    """In test mode a Stripe test card number; with Stripe keys a PaymentMethod id (pm_...)."""

    card_number = forms.CharField(
        label="Card number", max_length=23, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "cc-number", "inputmode": "numeric",
                                      "placeholder": "4242 4242 4242 4242"}),
    )
    payment_method = forms.CharField(label="Stripe PaymentMethod", max_length=100, required=False,
                                     widget=forms.TextInput(attrs={"placeholder": "pm_card_visa"}))
    # One token per rendered form: submitting the same page twice is the same payment attempt.
    attempt_token = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("attempt_token", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        if is_test_mode():
            del self.fields["payment_method"]

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["token"] = payment_method_from_input(card_number=cleaned.get("card_number", ""),
                                                         payment_method=cleaned.get("payment_method", ""))
        except InvalidPaymentMethod as error:
            self.add_error(error.field if error.field in self.fields else None, str(error))
        return cleaned
