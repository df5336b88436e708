"""Forms of price offers: the buyer's offer, the artist's counter, and a work's offer terms."""
from decimal import Decimal

from django import forms

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0.01")}


class OfferForm(forms.Form):
    amount = forms.DecimalField(label="Your offer", **MONEY, widget=forms.NumberInput(attrs={"step": "0.01",
                                                                                            "inputmode": "decimal"}))
    message = forms.CharField(label="A note to the artist (optional)", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class CounterForm(forms.Form):
    amount = forms.DecimalField(label="Your price", **MONEY, widget=forms.NumberInput(attrs={"step": "0.01"}))


class TermsForm(forms.Form):
    accepts_offers = forms.BooleanField(label="Take offers", required=False)
    floor_price = forms.DecimalField(label="Lowest offer you take (buyers never see it)", required=False, **MONEY,
                                     widget=forms.NumberInput(attrs={"step": "0.01"}))
