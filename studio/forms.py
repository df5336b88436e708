"""Forms of the studio pages: works, shipping, the showcase, applying, billing (they validate input; services write)."""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from artists.forms import IMAGE_ACCEPT, MultipleImageField, image_bytes
from storefront.catalogue.models import ArtworkKind, Category, Medium, Vibe
from storefront.catalogue.tagging import colour_tags_clean
from storefront.payment.forms import HostedPaymentForm
from studio.services import MAX_IMAGES


def _tags(value: str) -> list[str]:
    return [tag.strip()[:100] for tag in (value or "").split(",") if tag.strip()]


class CategoryField(forms.ModelChoiceField):
    """The shop's public categories as buyers browse them, sub-categories under their parent."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Category.objects.filter(is_public=True).order_by("path"), **kwargs)

    def label_from_instance(self, category) -> str:
        # The depth, not full_name: full_name reads the ancestors, one query per choice.
        return f"— {category.name}" if category.depth > 1 else category.name


class ArtworkForm(forms.Form):
    title = forms.CharField(max_length=255)
    category = CategoryField(empty_label="Choose…",
                             help_text="Where buyers find it when they browse by category.")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)
    vibe = forms.ModelChoiceField(queryset=Vibe.objects.all(), required=False)
    colours = forms.CharField(required=False, label="Colour tags",
                              help_text="Its main colours, comma separated, e.g. teal, ochre, cream")
    tags = forms.CharField(required=False, help_text="Comma separated, e.g. harbour, evening, blue")
    medium = forms.ChoiceField(choices=[("", "—")] + Medium.choices, required=False)
    style = forms.CharField(max_length=80, required=False, label="Style / subject")
    width_cm = forms.DecimalField(max_digits=6, decimal_places=1, min_value=Decimal("0.1"), required=False,
                                  label="Width (cm)")
    height_cm = forms.DecimalField(max_digits=6, decimal_places=1, min_value=Decimal("0.1"), required=False,
                                   label="Height (cm)")
    year = forms.IntegerField(min_value=1000, required=False)
    kind = forms.ChoiceField(choices=ArtworkKind.choices, initial=ArtworkKind.ORIGINAL)
    edition_size = forms.IntegerField(min_value=1, max_value=10_000, required=False,
                                      help_text="Prints in the edition (editions only)")
    price = forms.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"))
    images = MultipleImageField(max_files=MAX_IMAGES, help_text="JPEG, PNG or WebP, up to 15 MB each")

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            # The picture first: the vibe and colour tags below are suggested from it (suggest.js).
            self.order_fields(["images"])
        if editing:
            # A listed work keeps its kind; new images are optional extras.
            self.fields["kind"].disabled = True
            self.fields["images"].required = False
            self.fields["images"].label = "Add images"
        if not self.fields["category"].queryset.exists():
            # A shop whose admins made no categories yet: works are listed without one.
            del self.fields["category"]

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and year > timezone.localdate().year:
            raise ValidationError("The year cannot be in the future.")
        return year

    def clean_tags(self):
        return _tags(self.cleaned_data.get("tags", ""))

    def clean_colours(self):
        try:
            return colour_tags_clean(_tags(self.cleaned_data.get("colours", "")))
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def clean(self):
        data = super().clean()
        if data.get("kind") == ArtworkKind.EDITION and not data.get("edition_size"):
            self.add_error("edition_size", "How many prints are in the edition?")
        return data

    def service_fields(self) -> dict:
        """The cleaned data as the studio services take it."""
        data = dict(self.cleaned_data)
        data.pop("images", None)
        data["medium"] = data.get("medium") or ""
        return data


class ArtistApplicationForm(forms.Form):
    """A buyer's application to sell on Artiqo (artists.services.artist_application_submit)."""

    name = forms.CharField(max_length=120, label="Artist name",
                           help_text="The name your page and your works will be shown under.")
    location = forms.CharField(max_length=120, required=False, help_text="Where you work, e.g. “Bergen, Norway”.")
    vibe = forms.ModelChoiceField(queryset=Vibe.objects.all(), required=False, empty_label="—",
                                  label="Your signature vibe", help_text="The vibe your work is best known for.")
    about = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=4000, min_length=20,
                            label="About your art",
                            help_text="What you make and how: media, subjects, how long you have been at it.")
    portfolio_url = forms.URLField(required=False, max_length=200, label="Portfolio (optional)",
                                   assume_scheme="https", help_text="A website or profile where we can see your work.")


class ShipForm(forms.Form):
    line_ids = forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple, label="Lines shipped")
    note = forms.CharField(required=False, label="Tracking note", max_length=500,
                           help_text="Carrier and tracking number, or how it will be handed over")

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line_ids"].choices = [(line.pk, f"{line.title} × {line.quantity}") for line in lines]


class ShowcaseForm(forms.Form):
    bio = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), required=False,
                          help_text="A blank line starts a new paragraph")
    statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Artist statement")
    location = forms.CharField(max_length=120, required=False)
    portrait = forms.FileField(required=False, widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
                               help_text="JPEG, PNG or WebP, up to 15 MB")
    accepts_commissions = forms.BooleanField(required=False, label="I take special orders (commissions)")
    turnaround_weeks = forms.IntegerField(min_value=1, max_value=104, required=False,
                                          label="Typical turnaround (weeks)")

    def clean_portrait(self):
        upload = self.cleaned_data.get("portrait")
        return image_bytes(upload) if upload else None


# Billing: no card fields; the artist's card is saved on the gateway's card-saving page and charged from there.

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
