"""Recording which artworks signed-in buyers and visitors look at, cheaply enough for the artwork page.

Visitors (no account) get no database rows: the last few works they looked at are kept in
their session (SESSION_VIEWED_KEY, newest first), for "because you looked at ..." picks.

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

SESSION_VIEWED_KEY = "artiqo_viewed"
SESSION_VIEWED_MAX = 10


def session_view_record(*, session, product_id: int) -> None:
    """Put `product_id` first in the session's recently viewed works (a write only when that changes)."""
    viewed = list(session.get(SESSION_VIEWED_KEY) or [])
    if viewed[:1] == [product_id]:
        return
    session[SESSION_VIEWED_KEY] = [product_id, *(pk for pk in viewed if pk != product_id)][:SESSION_VIEWED_MAX]


def session_viewed_ids(*, session) -> list[int]:
    """The works a visitor looked at, newest first (ints only: a session is not trusted blindly)."""
    return [pk for pk in (session.get(SESSION_VIEWED_KEY) or []) if isinstance(pk, int)][:SESSION_VIEWED_MAX]


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
