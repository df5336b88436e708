"""Studio forms of billing: choose a plan, buy a featured listing (with the checkout's card fields)."""
from __future__ import annotations

from django import forms

from storefront.checkout.forms import PaymentForm


class _OptionalCardForm(PaymentForm):
    """The checkout's card fields, optional: a free plan or a scheduled change needs no card."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("card_number", "payment_method"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        data = self.cleaned_data
        if not (data.get("card_number") or data.get("payment_method")):
            data["token"] = ""
            return data
        return super().clean()


class PlanChooseForm(_OptionalCardForm):
    plan = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput,
                                  error_messages={"invalid_choice": "This plan is not offered."})

    def __init__(self, *args, **kwargs):
        from storefront.billing.selectors import plan_list_offered

        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plan_list_offered()


class FeatureBuyForm(PaymentForm):
    artwork = forms.ModelChoiceField(queryset=None, label="Work to feature",
                                     error_messages={"invalid_choice": "Choose one of your works for sale."})

    def __init__(self, *args, artist, max_days: int, **kwargs):
        from storefront.catalogue.selectors import artwork_list

        super().__init__(*args, **kwargs)
        self.fields["artwork"].queryset = artwork_list(artist_id=artist.pk, available=True)
        self.fields["days"] = forms.IntegerField(min_value=1, max_value=max_days, initial=min(7, max_days),
                                                 label="Days")
