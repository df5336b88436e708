"""Verified reviews for the demo: buyers review works they received, the demo artist answers a few."""
from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from demo.plan import ARTIST_LOGIN, BUYER_LOGIN, demo_key_prefix
from storefront.catalogue.reviews.models import ProductReview, product_rating_store, review_title_of
from storefront.catalogue.reviews.selectors import RECEIVED

Line = get_model("order", "Line")

# At most this many reviews, so the demo load stays quick at any size.
DEMO_REVIEWS = 60
SAYINGS = [
    (5, "Even better in person: the colours change with the light through the day."),
    (5, "Beautifully packed and arrived on time. It is the first thing guests ask about."),
    (4, "Lovely work. The frame was a little darker than in the photos, but it suits the room."),
    (5, "We bought it for our hallway and it makes the whole flat feel calmer."),
    (4, "Strong piece, well made. Took a week longer than I hoped to arrive."),
    (3, "Nice, though smaller on the wall than I imagined: check the dimensions."),
    (5, "The texture of the paint is something a screen cannot show. Worth every cent."),
]
ANSWERS = [
    "Thank you so much! It makes me happy to know where it hangs now.",
    "Thanks for the kind words, and for the photo of it on your wall.",
]


@transaction.atomic
def reviews_ensure(*, seed: int) -> int:
    """Review received demo order lines (the same ones for a seed); returns how many were added.

    The `buyer` login leaves one received work unreviewed, so "Write a review" has
    something to show; nothing is added once any demo work has a review.
    """
    prefix = demo_key_prefix(seed)
    if ProductReview.objects.filter(product__upc__startswith=prefix).exists():
        return 0
    lines = list(Line.objects.filter(RECEIVED, order__number__startswith=prefix, product__isnull=False,
                                     order__user__isnull=False)
                 .order_by("pk").values_list("pk", "product_id", "order__user_id", "order__user__username",
                                             "product__artist__user__username"))
    login_lines = [row for row in lines if row[3] == BUYER_LOGIN[0]]
    others = [row for row in lines if row[3] != BUYER_LOGIN[0]]
    rng = random.Random(f"{seed}-reviews")
    # At scale (`--orders 50000`) the login alone may have received more works than DEMO_REVIEWS.
    login_picked = login_lines[1:DEMO_REVIEWS + 1]
    picked = login_picked + rng.sample(others, max(0, min(len(others), DEMO_REVIEWS - len(login_picked))))
    seen = set()
    reviews = []
    for line_id, product_id, user_id, _username, artist_username in sorted(picked):
        score, body = rng.choice(SAYINGS)
        review = ProductReview(product_id=product_id, user_id=user_id, order_line_id=line_id, score=score, body=body,
                               title=review_title_of(body), status=ProductReview.APPROVED)
        if artist_username == ARTIST_LOGIN[0] and len(seen) < len(ANSWERS):
            review.answer, review.answered_at = ANSWERS[len(seen)], timezone.now()
            seen.add(line_id)
        reviews.append(review)
    ProductReview.objects.bulk_create(reviews)
    for product_id in sorted({review.product_id for review in reviews}):
        product_rating_store(product_id=product_id)
    return len(reviews)
