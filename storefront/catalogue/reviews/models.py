"""Reviews: Oscar's ProductReview forked to be verified (one per delivered order line), answered and moderated.

A review belongs to the order line it reviews (one review per line, so a buyer who bought
a work twice may review each purchase); Oscar's one-review-per-product-and-user rule is
dropped for that. Hiding is Oscar's "rejected" status with the moderator's reason.
"""
from django.conf import settings
from django.db import models
from oscar.apps.catalogue.reviews.abstract_models import AbstractProductReview, AbstractVote

from artiqo.core.people import person_name

# How long the buyer may still edit their review after writing it.
EDITABLE_DAYS = 30


class ProductReview(AbstractProductReview):
    """One buyer's stars and words on a work they received, and the artist's one answer."""

    title = models.CharField("Title", max_length=255, blank=True)
    order_line = models.OneToOneField(
        "order.Line", null=True, blank=True, on_delete=models.SET_NULL, related_name="review",
        help_text="The delivered or collected purchase this review is about",
    )
    date_updated = models.DateTimeField(auto_now=True)
    answer = models.TextField("Artist's answer", blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField("Why it is hidden", blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta(AbstractProductReview.Meta):
        ordering = ["-date_created", "-id"]
        unique_together = ()
        indexes = [models.Index(fields=["product", "status", "-date_created"], name="review_product_shown")]

    def save(self, *args, **kwargs):
        # Oscar's save re-saves the whole product (every post_save listener, search included)
        # to store its average; one UPDATE of the rating column is all that changes.
        models.Model.save(self, *args, **kwargs)
        product_rating_store(product_id=self.product_id)

    @property
    def reviewer_label(self) -> str:
        """The buyer's name as the CMS lists it."""
        return person_name(self.user)

    @property
    def is_hidden(self) -> bool:
        return self.status == self.REJECTED


class Vote(AbstractVote):
    """Oscar's helpful/unhelpful votes (kept for the table; Artiqo shows no votes)."""


def review_title_of(body: str) -> str:
    """A review's title (Oscar's column, the CMS's label): its first line, shortened with an ellipsis."""
    first = (body or "").strip().splitlines()[0] if (body or "").strip() else ""
    return first if len(first) <= 80 else first[:79].rstrip() + "…"


def product_rating_store(*, product_id) -> None:
    """Store the average of a work's shown reviews in Oscar's `Product.rating` column."""
    from django.db.models import Avg

    from storefront.catalogue.models import Product

    if product_id is None:
        return
    average = ProductReview.objects.filter(product_id=product_id, status=ProductReview.APPROVED).aggregate(
        avg=Avg("score"))["avg"]
    Product.objects.filter(pk=product_id).update(rating=float(average) if average is not None else None)
