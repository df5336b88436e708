"""The studio's payouts page (`/studio/payouts/`): onboarding to the gateway, and every transfer to the artist."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from artists.web import artist_required, page_context
from storefront.payment.gateway import is_test_mode
from storefront.payouts import selectors
from storefront.payouts.services import OnboardingUnavailable, payout_account_refresh, payout_onboarding_start

TRANSFERS_PER_PAGE = 25
GATEWAY_DOWN = "The payment provider did not answer; nothing changed. Please try again in a moment."


@require_GET
@artist_required
def payouts(request, artist):
    account = selectors.payout_account_for_artist(artist=artist)
    if request.GET.get("onboarding") == "done" and account is not None:
        # Back from the hosted onboarding: ask now rather than wait for the webhook.
        account = payout_account_refresh(artist=artist)
        if account.is_ready:
            messages.success(request, "Your payout account is ready: your earnings are transferred as you ship.")
        else:
            messages.info(request, "Onboarding is not finished yet; continue it whenever you are ready.")
        return redirect("payouts:index")
    return render(request, "studio/payouts.html", {
        "artist": artist, "account": account, "test_mode": is_test_mode(),
        "totals": selectors.payout_totals_for_artist(artist=artist),
        **page_context(request, selectors.transfer_list_for_artist(artist=artist), per_page=TRANSFERS_PER_PAGE),
    })


def _to_onboarding(request, artist):
    refresh_url = request.build_absolute_uri(reverse("payouts:onboarding-refresh"))
    return_url = request.build_absolute_uri(reverse("payouts:index") + "?onboarding=done")
    try:
        url = payout_onboarding_start(artist=artist, refresh_url=refresh_url, return_url=return_url)
    except OnboardingUnavailable:
        messages.error(request, GATEWAY_DOWN)
        return redirect("payouts:index")
    return redirect(url)


@require_POST
@artist_required
def onboarding_start(request, artist):
    """Start or continue onboarding: to the gateway's hosted pages (Stripe's, or the test gateway's)."""
    return _to_onboarding(request, artist)


@require_GET
@artist_required
def onboarding_refresh(request, artist):
    """Where the gateway sends an artist whose onboarding link expired: straight on with a fresh link."""
    if selectors.payout_account_for_artist(artist=artist) is None:
        return redirect("payouts:index")
    return _to_onboarding(request, artist)
