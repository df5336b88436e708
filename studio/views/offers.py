"""Studio: offers received (`/studio/offers/`): accept, counter or decline each; which works take offers."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from artiqo.core.errors import ApplicationError
from artiqo.core.web_errors import error_page_raise, error_show
from artists.web import artist_required, page_context
from price_offers import selectors as offers
from price_offers import services
from price_offers.forms import CounterForm, TermsForm
from storefront.catalogue.models import ArtworkKind
from studio import selectors

# Originals listed with their offer terms on one page (the rest: edit a work to find it first).
TERMS_ROWS = 100
DONE = {
    "accept": "Offer accepted: the work is in the buyer's cart at that price for 24 hours; they have been told.",
    "counter": "Counter-offer sent; the buyer has 72 hours to answer.",
    "decline": "Offer declined; the buyer has been told.",
}


@artist_required
def offer_list(request, artist):
    services.offers_expire_due(artist=artist)
    works = list(selectors.studio_artwork_list(artist=artist).filter(kind=ArtworkKind.ORIGINAL)[:TERMS_ROWS])
    terms = offers.offer_terms_of_artist(artist=artist)
    for work in works:
        work.offer_terms = terms.get(work.pk)
    return render(request, "studio/offer_list.html", {
        "artist": artist, "works": works,
        **page_context(request, offers.offer_list(user=request.user, role="artist")),
    })


@require_POST
@artist_required
def offer_action(request, artist, pk: int, action: str):
    offer = offers.offer_get(user=request.user, pk=pk)
    if offer is None or offer.artist_id != artist.pk or action not in DONE:
        raise Http404("You have no such offer.")
    try:
        if action == "counter":
            form = CounterForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Give your price, e.g. 950.00.")
                return redirect("studio:offers")
            services.offer_counter(user=request.user, pk=pk, amount=form.cleaned_data["amount"])
        elif action == "accept":
            services.offer_accept(user=request.user, pk=pk)
        else:
            services.offer_decline(user=request.user, pk=pk)
    except ApplicationError as error:
        error_page_raise(error)
        error_show(request, error)
        return redirect("studio:offers")
    messages.success(request, DONE[action])
    return redirect("studio:offers")


@require_POST
@artist_required
def offer_terms(request, artist, product_id: int):
    form = TermsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the lowest offer as an amount, e.g. 800.00, or leave it empty.")
        return redirect("studio:offers")
    try:
        services.offer_terms_set(artist=artist, product_id=product_id, **form.cleaned_data)
    except ApplicationError as error:
        error_page_raise(error)
        error_show(request, error)
    else:
        messages.success(request, "Offer settings saved.")
    return redirect("studio:offers")
