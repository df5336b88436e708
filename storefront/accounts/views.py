"""Pages of the accounts app that differ from Oscar's: limits on login, sign-up and reset.

- Logging in on /shop/accounts/login/ counts failures per account in the database and
  locks it exactly like POST /api/v1/users/login (storefront.accounts.login_lockout): the
  two share one counter, so switching between web and API gains nothing.
- Signing up (the login page's register form or /shop/accounts/register/) asks the
  person's name (storefront.accounts.forms) and shares the API's sign-up throttle, and
  password-reset emails have their own; both count per REMOTE_ADDR, never per the
  X-Forwarded-For a client can forge.
- Adding an address starts on the shop's default country (`ARTIQO_DEFAULT_COUNTRY`).
- Product alerts, notifications and wish lists are not part of Artiqo: nothing feeds
  them, so their pages are not found (and no page links to them).

The classes named like Oscar's replace them the Oscar way: this app is the `customer`
fork, so `get_class("customer.views", "AccountAuthView")` in Oscar's app config finds
them here and every `reverse("customer:login")` etc. points at them. The password-reset
page belongs to Oscar's `Shop` config, which builds it from Django's view; artiqo/urls.py
routes its path here, like the 404 of the features Artiqo leaves out.
"""
import math

from django import http
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from oscar.apps.customer import views as oscar_views
from oscar.apps.customer.forms import PasswordResetForm
from oscar.views.decorators import login_forbidden

from artiqo.core.api.throttling import PasswordResetRateThrottle, RegisterRateThrottle
from storefront.accounts.forms import DefaultCountryAddressForm, LockoutAuthenticationForm, NamedUserCreationForm


class PostThrottleMixin:
    """Answers a POST over the client address's limit with the 429 page, naming what is limited."""

    throttle_class = RegisterRateThrottle
    throttled_what = "sign-ups from your address"

    def post_refused(self, request):
        """The 429 page when this POST goes over the limit, else None."""
        throttle = self.throttle_class()
        if throttle.allow_request(request, self):
            return None
        wait = throttle.wait()
        response = render(request, "oscar/customer/too_many_requests.html",
                          {"what": self.throttled_what, "minutes": max(math.ceil((wait or 60) / 60), 1)}, status=429)
        response["Retry-After"] = str(max(int(wait or 60), 1))
        return response


class AccountAuthView(PostThrottleMixin, oscar_views.AccountAuthView):
    """Oscar's login + sign-up page, with the lock-out, the name and the sign-up throttle."""

    login_form_class = LockoutAuthenticationForm
    registration_form_class = NamedUserCreationForm

    def post(self, request, *args, **kwargs):
        refused = self.post_refused(request) if "registration_submit" in request.POST else None
        return refused or super().post(request, *args, **kwargs)


class AccountRegistrationView(PostThrottleMixin, oscar_views.AccountRegistrationView):
    """Oscar's sign-up page, asking the name and throttled per address."""

    form_class = NamedUserCreationForm

    def post(self, request, *args, **kwargs):
        return self.post_refused(request) or super().post(request, *args, **kwargs)


class PasswordResetView(PostThrottleMixin, auth_views.PasswordResetView):
    """Oscar's password-reset page (Django's view), throttled per address."""

    throttle_class = PasswordResetRateThrottle
    throttled_what = "password-reset emails from your address"
    form_class = PasswordResetForm
    success_url = reverse_lazy("password-reset-done")
    template_name = "oscar/registration/password_reset_form.html"

    def post(self, request, *args, **kwargs):
        return self.post_refused(request) or super().post(request, *args, **kwargs)


class AddressCreateView(oscar_views.AddressCreateView):
    """Oscar's new-address page of the address book, on the shop's default country."""

    form_class = DefaultCountryAddressForm


def feature_not_in_artiqo(request, *args, **kwargs):
    """Oscar's product alerts, notifications and wish lists: nothing in Artiqo fills them."""
    raise http.Http404("Artiqo has no product alerts, notifications or wish lists.")


password_reset_view = login_forbidden(PasswordResetView.as_view())
