"""The built-in test gateway's own hosted pages (TEST MODE only): what Stripe hosts in live mode.

The hosted payment page of a Checkout Session takes Stripe's test card numbers only (a
real card number is refused), so no card data is ever typed into Artiqo's shop pages,
in test mode either. Session ids are random, like Stripe's: the id is the capability.
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
        "card_number": request.POST.get("card_number", "") if error else "", "test_mode": True,
    })
