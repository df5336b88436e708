"""The web account pages' brute-force and abuse limits, the same as the API's.

- Logging in on /shop/accounts/login/ counts failures per account in the database and
  locks it exactly like POST /api/v1/users/login (storefront.api.login_lockout): the two
  share one counter, so switching between web and API gains nothing.
- Signing up (the login page's register form or /shop/accounts/register/) asks the
  person's name (storefront.account_forms) and shares the API's sign-up throttle, and
  password-reset emails have their own; both count per REMOTE_ADDR, never per the
  X-Forwarded-For a client can forge.

These views replace Oscar's at the same paths (artiqo/urls.py routes them first), so
every `reverse("customer:login")` etc. still points here.
"""
import math

from django import forms
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from oscar.apps.customer.forms import EmailAuthenticationForm, PasswordResetForm
from oscar.apps.customer.views import AccountAuthView, AccountRegistrationView
from oscar.views.decorators import login_forbidden

from artiqo.core.api.throttling import PasswordResetRateThrottle, RegisterRateThrottle
from storefront.account_forms import NamedUserCreationForm
from storefront.api.login_lockout import login_failure_record, login_lock_get, login_subject, login_success_record


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


def _too_many(request, what: str, throttle):
    wait = throttle.wait()
    response = render(request, "oscar/customer/too_many_requests.html",
                      {"what": what, "minutes": max(math.ceil((wait or 60) / 60), 1)}, status=429)
    response["Retry-After"] = str(max(int(wait or 60), 1))
    return response


class GuardedAccountAuthView(AccountAuthView):
    login_form_class = LockoutAuthenticationForm
    registration_form_class = NamedUserCreationForm

    def post(self, request, *args, **kwargs):
        if "registration_submit" in request.POST:
            throttle = RegisterRateThrottle()
            if not throttle.allow_request(request, self):
                return _too_many(request, "sign-ups from your address", throttle)
        return super().post(request, *args, **kwargs)


class GuardedAccountRegistrationView(AccountRegistrationView):
    form_class = NamedUserCreationForm

    def post(self, request, *args, **kwargs):
        throttle = RegisterRateThrottle()
        if not throttle.allow_request(request, self):
            return _too_many(request, "sign-ups from your address", throttle)
        return super().post(request, *args, **kwargs)


class GuardedPasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    success_url = reverse_lazy("password-reset-done")
    template_name = "oscar/registration/password_reset_form.html"

    def post(self, request, *args, **kwargs):
        throttle = PasswordResetRateThrottle()
        if not throttle.allow_request(request, self):
            return _too_many(request, "password-reset emails from your address", throttle)
        return super().post(request, *args, **kwargs)


login_view = GuardedAccountAuthView.as_view()
register_view = GuardedAccountRegistrationView.as_view()
password_reset_view = login_forbidden(GuardedPasswordResetView.as_view())
