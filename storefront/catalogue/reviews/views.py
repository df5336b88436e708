"""Review pages: a buyer writes (or edits) their review of a work they received; the artist answers."""
from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from artiqo.core.errors import ApplicationError
from artiqo.core.web_errors import error_page_raise, error_show, error_status
from storefront.catalogue.models import Product
from storefront.catalogue.reviews import selectors, services
from storefront.catalogue.reviews.forms import AnswerForm, ReviewForm
from storefront.catalogue.reviews.models import EDITABLE_DAYS


def _product(pk) -> Product:
    product = Product.objects.filter(pk=pk).select_related("artist").first()
    if product is None:
        raise Http404("No such artwork")
    return product


def _after(product) -> str:
    return product.get_absolute_url() + "#reviews"


class ReviewWriteView(View):
    """`…/<slug>_<pk>/reviews/write/`: a new review for a received purchase, else the editable one."""

    template_name = "catalogue/reviews/write.html"

    def _editable(self, request, product):
        review = selectors.review_of_buyer(user=request.user, product_id=product.pk)
        if review and timezone.now() <= review.date_created + timedelta(days=EDITABLE_DAYS):
            return review
        return None

    def _page(self, request, product, form, review, status=200):
        return render(request, self.template_name, {"product": product, "form": form, "review": review,
                                                    "editable_days": EDITABLE_DAYS}, status=status)

    def get(self, request, product_slug, product_pk):
        product = _product(product_pk)
        new = selectors.reviewable_lines(user=request.user, product_id=product.pk).exists()
        review = None if new else self._editable(request, product)
        if not new and review is None:
            messages.info(request, "Reviews come from buyers who received the work: you can review it once "
                                   "your order of it is delivered or collected.")
            return redirect(_after(product))
        initial = {"score": review.score, "body": review.body} if review else None
        return self._page(request, product, ReviewForm(initial=initial), review)

    def post(self, request, product_slug, product_pk):
        product = _product(product_pk)
        form = ReviewForm(request.POST)
        new = selectors.reviewable_lines(user=request.user, product_id=product.pk).exists()
        review = None if new else self._editable(request, product)
        if not form.is_valid():
            return self._page(request, product, form, review, status=400)
        data = form.cleaned_data
        try:
            if review is not None:
                services.review_update(user=request.user, review_id=review.pk, score=data["score"], body=data["body"])
                messages.success(request, "Your review is updated.")
            else:
                services.review_create(user=request.user, product_id=product.pk, score=data["score"],
                                       body=data["body"])
                messages.success(request, "Thank you: your review is on the work's page.")
        except ApplicationError as error:
            error_page_raise(error)
            error_show(request, error, form=form)
            return self._page(request, product, form, review, status=error_status(error))
        return redirect(_after(product))


class ReviewAnswerView(View):
    """`…/reviews/<pk>/answer/` (POST): the work's artist answers a review once."""

    def post(self, request, product_slug, product_pk, pk):
        product = _product(product_pk)
        form = AnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Write your answer.")
            return redirect(_after(product))
        try:
            services.review_answer(user=request.user, review_id=pk, answer=form.cleaned_data["answer"])
        except ApplicationError as error:
            error_page_raise(error)
            error_show(request, error)
        else:
            messages.success(request, "Your answer is published under the review.")
        return redirect(_after(product))
