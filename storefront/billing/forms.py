"""Studio forms of billing: choose a plan, buy a featured listing. No card fields: the artist's card is
saved on the gateway's card-saving page and charged from there."""
from __future__ import annotations

from django import forms

from storefront.payment.forms import HostedPaymentForm


class PlanChooseForm(HostedPaymentForm):
    plan = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput,
                                  error_messages={"invalid_choice": "This plan is not offered."})

    def __init__(self, *args, **kwargs):
        from storefront.billing.selectors import plan_list_offered

        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plan_list_offered()


class FeatureBuyForm(HostedPaymentForm):
    artwork = forms.ModelChoiceField(queryset=None, label="Work to feature",
                                     error_messages={"invalid_choice": "Choose one of your works for sale."})

    def __init__(self, *args, artist, max_days: int, **kwargs):
        from storefront.catalogue.selectors import artwork_list

        super().__init__(*args, **kwargs)
        self.fields["artwork"].queryset = artwork_list(artist_id=artist.pk, available=True)
        self.fields["days"] = forms.IntegerField(min_value=1, max_value=max_days, initial=min(7, max_days),
                                                 label="Days")
