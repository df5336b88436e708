"""Forms of the accounts app: sign-up with a name, login with a lock-out, a new address.

- Sign-up asks the person's name: without one, buyers appeared in emails, studio orders
  and commission histories under the random username Oscar makes up for them. The API's
  sign-up asks the same (storefront.accounts.api.serializers.RegisterSerializer).
- Login refuses a locked account and counts failures exactly like POST /api/v1/users/login
  (storefront.accounts.login_lockout): the two share one counter.
- A new address (address book or checkout) starts on the shop's default country.
"""
import math

from django import forms
from django.conf import settings
from oscar.apps.customer.forms import EmailAuthenticationForm, EmailUserCreationForm
from oscar.core.loading import get_class

from storefront.accounts.login_lockout import login_failure_record, login_lock_get, login_subject, login_success_record

UserAddressForm = get_class("address.forms", "UserAddressForm")


class NamedUserCreationForm(EmailUserCreationForm):
    first_name = forms.CharField(label="First name", max_length=150, strip=True,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label="Last name", max_length=150, strip=True, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))

    class Meta(EmailUserCreationForm.Meta):
        fields = ("first_name", "last_name", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Name first, then email and passwords, as people expect to fill them in.
        self.order_fields(["first_name", "last_name", "email", "password1", "password2", "redirect_url"])
        self.fields["email"].widget.attrs.setdefault("autocomplete", "email")
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.setdefault("autocomplete", "new-password")


def _locked_message(seconds: int) -> str:
    minutes = max(math.ceil(seconds / 60), 1)
    return (f"Too many failed logins for this account. For your security it is locked for "
            f"{minutes} minute{'s' if minutes != 1 else ''}; try again then, or reset your password.")


class LockoutAuthenticationForm(EmailAuthenticationForm):
    """Oscar's login form, refusing locked accounts and counting failures."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if not username or not self.cleaned_data.get("password"):
            return super().clean()
        subject = login_subject(username=username)
        lock = login_lock_get(subject=subject)
        if lock.locked:
            raise forms.ValidationError(_locked_message(lock.retry_after_seconds), code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            lock = login_failure_record(subject=subject)
            if lock.locked:
                raise forms.ValidationError(_locked_message(lock.retry_after_seconds), code="locked") from None
            raise
        login_success_record(subject=subject)
        return cleaned


class DefaultCountryMixin:
    """A new address starts on `ARTIQO_DEFAULT_COUNTRY` when that country is one of the choices.

    Only the first display changes: an address being edited, one the buyer typed before,
    and every submitted form keep their own country. The checkout's delivery address form
    uses it too (storefront.checkout.forms).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("country")
        if field is None or self.is_bound or self.initial.get("country") or self.instance.country_id:
            return
        code = (getattr(settings, "ARTIQO_DEFAULT_COUNTRY", "") or "").upper()
        if code and field.queryset.filter(pk=code).exists():
            self.initial["country"] = code


class DefaultCountryAddressForm(DefaultCountryMixin, UserAddressForm):
    """The address book's form, starting on the shop's default country."""
