"""The built-in test gateway's own hosted pages (TEST MODE stand-ins for Stripe's), under /shop/test-gateway/.

No money moves and no Stripe is involved: the hosted payment page of a Checkout Session
takes Stripe's test card numbers only (a real card number is refused), so no card data
is ever typed into Artiqo's shop pages, in test mode either; the onboarding page plays
Stripe's hosted Express onboarding. Ids are random, like Stripe's: the id is the capability.
"""
from django import http
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from storefront.payment import sandbox
from storefront.payment.gateway import minor_to_amount
from storefront.payment.models import SandboxSession


@require_http_methods(["GET", "POST"])
def session_page(request, session_id: str):
    session = SandboxSession.objects.filter(session_id=session_id).first()
    if session is None:
        raise http.Http404("No such payment page")
    error = ""
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            return http.HttpResponseRedirect(sandbox.session_return_url(session, session.cancel_url))
        next_url, error = sandbox.session_card_submit(session_id=session_id,
                                                      card_number=request.POST.get("card_number", ""))
    else:
        # Back from the 3-D Secure test page, or a reload: where does the last card stand?
        next_url, error = sandbox.session_intent_follow(session_id=session_id)
    if next_url:
        return http.HttpResponseRedirect(next_url)
    session.refresh_from_db()
    return render(request, "payment/sandbox/session.html", {
        "session": session, "error": error, "amount": minor_to_amount(session.amount_minor, session.currency),
        "card_number": request.POST.get("card_number", "") if error else "", "show_test_cards": True,
    })


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
        "account": account, "name": account.business_name or account.email,
    })
