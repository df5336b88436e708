"""Forms of the special-order pages: the buyer's brief and each side's steps (services do the writing)."""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from artists.forms import MultipleImageField
from commissions.services import MAX_DELIVERY_PHOTOS, MAX_REFERENCES
from storefront.catalogue.models import Medium, Vibe


class SpecialOrderForm(forms.Form):
    title = forms.CharField(max_length=120, label="In a few words",
                            help_text="e.g. “Our house by the fjord, in watercolour”")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label="What you would like",
                                  help_text="The subject, colours, mood, where it will hang…")
    vibe = forms.ModelChoiceField(queryset=Vibe.objects.all(), required=False)
    medium = forms.ChoiceField(choices=[("", "Artist's choice")] + Medium.choices, required=False)
    width_cm = forms.DecimalField(max_digits=6, decimal_places=1, min_value=Decimal("1"), required=False,
                                  label="Width (cm)")
    height_cm = forms.DecimalField(max_digits=6, decimal_places=1, min_value=Decimal("1"), required=False,
                                   label="Height (cm)")
    budget = forms.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("1"))
    wished_date = forms.DateField(required=False, label="Wished date",
                                  widget=forms.DateInput(attrs={"type": "date"}))
    references = MultipleImageField(max_files=MAX_REFERENCES, required=False, label="Reference images",
                                    help_text=f"Up to {MAX_REFERENCES} JPEG, PNG or WebP images")

    def clean_wished_date(self):
        wished = self.cleaned_data.get("wished_date")
        if wished is not None and wished < timezone.localdate():
            raise ValidationError("Choose a date from today on.")
        return wished


class QuoteForm(forms.Form):
    price = forms.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"),
                               label="Price, delivery included",
                               help_text="What the buyer pays in all: no delivery charge is added at checkout.")
    ready_by = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Ready by")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           help_text="What the price includes, how you will work…")

    def clean_ready_by(self):
        ready_by = self.cleaned_data["ready_by"]
        if ready_by < timezone.localdate():
            raise ValidationError("Choose a date from today on.")
        return ready_by


class ReasonForm(forms.Form):
    """Decline (reason required) or cancel (reason optional)."""

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required


class NoteForm(forms.Form):
    """Start, deliver (the tracking note) and complete take an optional note."""

    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DeliverForm(NoteForm):
    """Delivering also takes photos of the finished work (they become the work's images)."""

    photos = MultipleImageField(max_files=MAX_DELIVERY_PHOTOS, required=False, label="Photos of the finished work",
                                help_text=f"Up to {MAX_DELIVERY_PHOTOS}; JPEG, PNG or WebP, up to 15 MB each")


class WaitlistForm(forms.Form):
    brief = forms.CharField(
        label="What you would like", max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few lines for the artist: subject, size, colours, when you would like it.",
    )
