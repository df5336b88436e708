"""The built-in test gateway's own hosted pages (TEST MODE stand-ins for Stripe's), under /shop/test-gateway/.

No money moves and no Stripe is involved: these pages play the part of Stripe's hosted
pages for the offline gateway in storefront/payment/sandbox.py.
"""
from django import http
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from storefront.payment import sandbox


@require_http_methods(["GET", "POST"])
def sandbox_onboarding(request, token: str):
    """Stripe's hosted Express onboarding, simulated: one button completes it.

    Whoever holds the link may complete it (as with Stripe's account links); an expired
    link sends them to the platform's refresh URL for a new one, and a used one is gone.
    """
    account, refresh_url = sandbox.onboarding_account_for_link(token=token)
    if account is None:
        if refresh_url:
            return http.HttpResponseRedirect(refresh_url)
        raise http.Http404("This onboarding link is not valid (used or replaced). Start again from Artiqo.")
    if request.method == "POST":
        return http.HttpResponseRedirect(sandbox.account_onboarding_complete(account_id=account.account_id))
    return render(request, "payment/sandbox_onboarding.html", {
        "account": account, "name": account.business_name or account.email, "test_mode": True,
    })
