"""Cart pages: Oscar's add-to-cart view, made to send visitors through the login page first.

A visitor who is not logged in and clicks "add to cart" is sent to the login page; the
add they asked for waits in their session (it was made by a CSRF-checked POST) and the
login page sends them back to GET this same URL, which replays it once. A bare GET of
the URL, without a pending add for that artwork, adds nothing, so a link cannot fill a
buyer's cart. The other basket views are Oscar's (found through its dynamic loading).
"""
from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from oscar.apps.basket.views import BasketAddView as OscarBasketAddView

from artiqo.core.web_errors import error_show
from storefront.basket.services import BasketError, basket_line_add
from storefront.catalogue.forms import ArtworkQuantityForm

PENDING_ADD_KEY = "artiqo_pending_cart_add"
# A pending add older than this is dropped: the visitor has long moved on.
PENDING_ADD_MAX_AGE_SECONDS = 6 * 60 * 60


class BasketAddView(OscarBasketAddView):
    """POST adds an artwork to the buyer's cart; GET finishes an add that waited for login."""

    http_method_names = ["get", "post"]

    def post(self, request, *args, **kwargs):
        product = get_object_or_404(self.product_model, pk=kwargs["pk"])
        form = ArtworkQuantityForm(request.POST)
        quantity = form.cleaned_data["quantity"] if form.is_valid() else None
        if quantity is None:
            messages.error(request, "Choose how many to add: a whole number, at least 1.")
            return redirect(product.get_absolute_url())
        if not request.user.is_authenticated:
            request.session[PENDING_ADD_KEY] = {"product_id": product.pk, "quantity": quantity, "at": time.time()}
            messages.info(request, f"Log in or create an account to add “{product.get_title()}” to your cart.")
            return redirect_to_login(request.path)
        return self._add(request, product=product, quantity=quantity, next_url=request.POST.get("next"))

    def get(self, request, *args, **kwargs):
        product = get_object_or_404(self.product_model, pk=kwargs["pk"])
        pending = request.session.get(PENDING_ADD_KEY)
        if not _pending_matches(pending, product_id=product.pk):
            return redirect(product.get_absolute_url())
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        del request.session[PENDING_ADD_KEY]
        return self._add(request, product=product, quantity=int(pending["quantity"]),
                         next_url=reverse("basket:summary"))

    def _add(self, request, *, product, quantity: int, next_url: str | None):
        try:
            basket_line_add(user=request.user, product_id=product.pk, quantity=quantity)
        except BasketError as error:
            error_show(request, error)
            return redirect(product.get_absolute_url())
        messages.success(
            request,
            render_to_string("oscar/basket/messages/addition.html", {"product": product, "quantity": quantity}),
            extra_tags="safe noicon",
        )
        self.add_signal.send(sender=self, product=product, user=request.user, request=request)
        if next_url and url_has_allowed_host_and_scheme(next_url, request.get_host(), request.is_secure()):
            return redirect(next_url)
        return redirect(product.get_absolute_url())


def _pending_matches(pending, *, product_id: int) -> bool:
    if not isinstance(pending, dict) or pending.get("product_id") != product_id:
        return False
    try:
        return time.time() - float(pending.get("at", 0)) < PENDING_ADD_MAX_AGE_SECONDS and int(pending["quantity"]) >= 1
    except (TypeError, ValueError, KeyError):
        return False
