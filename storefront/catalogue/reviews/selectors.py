"""Reads of verified reviews: a work's shown reviews, an artist's average, and who may review what."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet

from storefront.catalogue.reviews.models import ProductReview
from storefront.order import statuses
from storefront.order.models import Line

# A line counts as received once its order is shipped or completed (every line of it sent
# or handed over), or, in an order still being fulfilled, once its own artist marked it
# shipped (or handed over, for a collection); a refunded or cancelled order never does.
RECEIVED = Q(order__status__in=(statuses.SHIPPED, statuses.COMPLETE)) | Q(
    status=statuses.SHIPPED, order__status=statuses.PAID)


@dataclass(frozen=True)
class Rating:
    """An average of shown reviews (one decimal) and how many there are."""

    average: Decimal | None
    count: int


def _rating(row: dict) -> Rating:
    average = row["avg"]
    if average is None:
        return Rating(average=None, count=0)
    return Rating(average=Decimal(str(average)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), count=row["n"])


def review_list(*, product_id: int) -> QuerySet:
    """The shown reviews of a work, newest first, with their reviewers (one query)."""
    return (ProductReview.objects.filter(product_id=product_id, status=ProductReview.APPROVED)
            .select_related("user").order_by("-date_created", "-pk"))


def review_rating(*, product_id: int) -> Rating:
    """The average and count of a work's shown reviews."""
    return _rating(ProductReview.objects.filter(product_id=product_id, status=ProductReview.APPROVED)
                   .aggregate(avg=Avg("score"), n=Count("pk")))


def artist_rating(*, artist_id: int) -> Rating:
    """The average and count of the shown reviews of all of an artist's works."""
    return _rating(ProductReview.objects.filter(product__artist_id=artist_id, status=ProductReview.APPROVED)
                   .aggregate(avg=Avg("score"), n=Count("pk")))


def reviewable_lines(*, user, product_id: int) -> QuerySet:
    """The buyer's received order lines of this work that have no review yet, oldest first."""
    if not getattr(user, "is_authenticated", False):
        return Line.objects.none()
    return (Line.objects.filter(RECEIVED, order__user=user, product_id=product_id, review__isnull=True)
            .order_by("pk"))


def review_of_buyer(*, user, product_id: int) -> ProductReview | None:
    """The buyer's latest review of this work (shown or hidden), if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return ProductReview.objects.filter(user=user, product_id=product_id).order_by("-pk").first()


def review_context(*, product, user) -> dict:
    """What the artwork's page shows of reviews: the shown ones, their average, and what `user` may do."""
    from datetime import timedelta

    from django.utils import timezone

    from artiqo.core.cache import versioned_get_or_set
    from storefront.catalogue.reviews.models import EDITABLE_DAYS

    # The same list for every viewer, kept until a review (or the catalogue) changes.
    reviews = versioned_get_or_set("reviews", product.pk, compute=lambda: list(review_list(product_id=product.pk)))
    scores = [review.score for review in reviews]
    average = (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if scores else None
    signed_in = getattr(user, "is_authenticated", False)
    own = review_of_buyer(user=user, product_id=product.pk) if signed_in else None
    can_write = signed_in and reviewable_lines(user=user, product_id=product.pk).exists()
    can_edit = own is not None and timezone.now() <= own.date_created + timedelta(days=EDITABLE_DAYS)
    artist = product.artist
    return {
        "reviews": reviews,
        "review_rating": Rating(average=average, count=len(scores)),
        "review_own": own,
        "review_can_write": can_write,
        "review_can_edit": can_edit and not can_write,
        "review_is_artist": bool(signed_in and artist is not None and artist.user_id == user.pk),
    }
