"""Recording which artworks signed-in buyers look at, cheaply enough for the artwork page.

Oscar's analytics receiver bumps shared counter rows (per product and per user) on every
view; concurrent requests then queue on the same rows and, on SQLite, fail with
"database is locked". Only the per-buyer view rows are read (by the recommender), so a
view is one INSERT and nothing else, and a failure to record it never fails the page.
"""
import logging

from django.db import DatabaseError, transaction
from oscar.core.loading import get_model

UserProductView = get_model("analytics", "UserProductView")
logger = logging.getLogger(__name__)


def product_view_record(*, product, user) -> None:
    """Note that `user` looked at `product` (anonymous visitors are not recorded)."""
    if not getattr(user, "is_authenticated", False):
        return
    try:
        # A savepoint, so a failed insert cannot spoil a surrounding transaction.
        with transaction.atomic():
            UserProductView.objects.create(product=product, user=user)
    except DatabaseError:
        # Losing one view signal is harmless; an error page for the buyer is not.
        logger.warning("Could not record a view of artwork %s", product.pk, exc_info=True)
