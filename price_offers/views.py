"""The buyer's offer pages (`/shop/accounts/offers/`): make an offer, see them, answer a counter-offer, withdraw."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.views import generic
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class

from artiqo.core.errors import ApplicationError
from artiqo.core.web_errors import error_page_raise, error_show
from price_offers import selectors, services
from price_offers.forms import OfferForm
from storefront.catalogue.models import Product

PageTitleMixin = get_class("customer.mixins", "PageTitleMixin")

DONE = {
    "accept": "Counter-offer accepted: the work is in your cart at that price for 24 hours.",
    "decline": "Counter-offer declined; the artist has been told.",
    "withdraw": "Offer withdrawn; the artist has been told.",
}


class OfferListView(PageTitleMixin, generic.ListView):
    """The buyer's offers, newest first, with the counter-offers waiting for them."""

    template_name = "price_offers/account_list.html"
    context_object_name = "offers"
    paginate_by = 20
    page_title = "Offers"
    active_tab = "offers"

    def get_queryset(self):
        services.offers_expire_due(buyer=self.request.user)
        return selectors.offer_list(user=self.request.user, role="buyer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context.update(page_range=page.paginator.get_elided_page_range(page.number), ellipsis=Paginator.ELLIPSIS)
        return context


@require_POST
@login_required
def offer_make(request, product_id: int):
    product = Product.objects.filter(pk=product_id).first()
    back = product.get_absolute_url() if product else "/"
    form = OfferForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the price you offer, e.g. 850.00.")
        return redirect(back)
    try:
        services.offer_create(buyer=request.user, product_id=product_id, **form.cleaned_data)
    except ApplicationError as error:
        error_page_raise(error)
        error_show(request, error)
        return redirect(back)
    messages.success(request, "Offer sent. The artist has 72 hours to answer; we will email you.")
    return redirect("price_offers:list")


@require_POST
@login_required
def offer_answer(request, pk: int, action: str):
    step = {"accept": services.offer_accept, "decline": services.offer_decline,
            "withdraw": services.offer_withdraw}.get(action)
    offer = selectors.offer_get(user=request.user, pk=pk)
    if step is None or offer is None or offer.buyer_id != request.user.pk:
        raise Http404("You have no such offer.")
    try:
        step(user=request.user, pk=pk)
    except ApplicationError as error:
        error_page_raise(error)
        error_show(request, error)
        return redirect("price_offers:list")
    messages.success(request, DONE[action])
    return redirect("basket:summary" if action == "accept" else "price_offers:list")
