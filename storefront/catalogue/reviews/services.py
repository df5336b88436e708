"""Writes of verified reviews: the buyer writes and edits, the artist answers once, admins hide or show."""
from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from artiqo.core.errors import Conflict, Invalid, NotFound, NotPermitted
from storefront.catalogue.models import Product
from storefront.catalogue.reviews.models import EDITABLE_DAYS, ProductReview, review_title_of
from storefront.catalogue.reviews.selectors import RECEIVED, reviewable_lines
from storefront.order.models import Line

MAX_BODY = 5000


class ReviewNotAllowed(NotPermitted):
    code = "review_not_allowed"


class ReviewExists(Conflict):
    code = "review_exists"


class ReviewLocked(Conflict):
    code = "review_locked"


class AnswerExists(Conflict):
    code = "answer_exists"


def _clean(*, score, body: str) -> tuple[int, str]:
    errors = {}
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        errors["score"] = ["Give from 1 to 5 stars."]
    body = (body or "").strip()
    if not body:
        errors["body"] = ["Say a few words about the work."]
    elif len(body) > MAX_BODY:
        errors["body"] = [f"At most {MAX_BODY} characters."]
    if errors:
        raise Invalid("The review is not complete.", fields=errors)
    return score, body


def review_create(*, user, product_id: int, score, body: str, order_line_id: int | None = None) -> ProductReview:
    """A buyer reviews a work they received: one review per order line (403 without one, 409 for a second)."""
    if not Product.objects.filter(pk=product_id).exists():
        raise NotFound(f"There is no artwork with id {product_id}.")
    score, body = _clean(score=score, body=body)
    received = Line.objects.filter(RECEIVED, order__user=user, product_id=product_id)
    if not received.exists():
        raise ReviewNotAllowed("Only a buyer who received this work may review it.")
    with transaction.atomic():
        lines = reviewable_lines(user=user, product_id=product_id).select_for_update()
        if order_line_id is not None:
            lines = lines.filter(pk=order_line_id)
        line = lines.first()
        if line is None:
            raise ReviewExists("You have already reviewed your purchase of this work; edit that review instead.")
        try:
            with transaction.atomic():
                return ProductReview.objects.create(
                    product_id=product_id, user=user, order_line=line, score=score, body=body,
                    title=review_title_of(body), status=ProductReview.APPROVED)
        except IntegrityError as error:
            # Two requests for the same line at once: the unique order line lets one in.
            raise ReviewExists("You have already reviewed your purchase of this work.") from error


def review_update(*, user, review_id: int, score, body: str) -> ProductReview:
    """The reviewer changes their stars and words, within 30 days of writing."""
    review = ProductReview.objects.filter(pk=review_id, user=user).first()
    if review is None:
        raise NotFound("You have no such review.")
    if timezone.now() > review.date_created + timedelta(days=EDITABLE_DAYS):
        raise ReviewLocked(f"A review can be changed for {EDITABLE_DAYS} days after it is written.")
    review.score, review.body = _clean(score=score, body=body)
    review.title = review_title_of(review.body)
    review.save()
    return review


def review_answer(*, user, review_id: int, answer: str) -> ProductReview:
    """The work's artist answers a review, once."""
    answer = (answer or "").strip()
    with transaction.atomic():
        review = (ProductReview.objects.select_for_update().select_related("product__artist")
                  .filter(pk=review_id).first())
        artist = review.product.artist if review is not None and review.product_id else None
        if review is None or review.is_hidden:
            raise NotFound("There is no such review.")
        if artist is None or artist.user_id != user.pk:
            raise NotPermitted("Only the work's artist may answer its reviews.")
        if review.answer:
            raise AnswerExists("You have answered this review already.")
        if not answer:
            raise Invalid("Write your answer.", fields={"answer": ["Write your answer."]})
        if len(answer) > MAX_BODY:
            raise Invalid("The answer is too long.", fields={"answer": [f"At most {MAX_BODY} characters."]})
        review.answer, review.answered_at = answer, timezone.now()
        review.save(update_fields=["answer", "answered_at", "date_updated"])
    return review


def review_hide(*, review: ProductReview, admin, reason: str) -> ProductReview:
    """A moderator hides a review from the shop, saying why (kept with the review)."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("Say why the review is hidden.", fields={"hidden_reason": ["Say why the review is hidden."]})
    review.status, review.hidden_reason = ProductReview.REJECTED, reason
    review.hidden_by, review.hidden_at = admin, timezone.now()
    review.save()
    return review


def review_show(*, review: ProductReview) -> ProductReview:
    """A moderator shows a hidden review again."""
    review.status, review.hidden_reason, review.hidden_by, review.hidden_at = ProductReview.APPROVED, "", None, None
    review.save()
    return review
