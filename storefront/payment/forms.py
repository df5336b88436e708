"""Payment forms: "pay on the gateway's hosted page", shared by the checkout and the studio's billing pages.

No card fields: the card is typed on the gateway's hosted page, never here.
"""
import uuid

from django import forms


class HostedPaymentForm(forms.Form):
    """Only the attempt token: the buyer types their card on the gateway's hosted page."""

    # One token per rendered form: submitting the same page twice is the same payment attempt.
    attempt_token = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("attempt_token", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
