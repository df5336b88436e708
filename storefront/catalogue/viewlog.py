"""Recording which artworks signed-in buyers and visitors look at, cheaply enough for the artwork page.

Visitors (no account) cost no database row and no session: the last works they looked at
(VIEWED_MAX, newest first) travel in a signed cookie (VIEWED_COOKIE), for the "because
you looked at ..." picks on the home and artwork pages. A session would be created, and
written to the database, for every new visitor's first artwork page: on SQLite that write
took about half the page's time. The cookie is signed (django.core.signing, its own salt),
so a visitor cannot make the shop read ids it never wrote; a tampered or expired cookie
reads as "looked at nothing".

Signed-in buyers keep their history server-side, as view rows (UserProductView): the
recommender trains on them and reads them back (recommend.selectors.buyer_history_get)
from any device the buyer signs in on, long after a cookie would be gone. Their pages never
show the visitor's picks, so they get no cookie.

Oscar's analytics receiver bumps shared counter rows (per product and per user) on every
view; concurrent requests then queue on the same rows and, on SQLite, fail with
"database is locked". Only the per-buyer view rows are read (by the recommender), so a
view is one INSERT and nothing else, and a failure to record it never fails the page.
"""
import logging

from django.conf import settings
from django.db import DatabaseError, transaction
from oscar.core.loading import get_model

UserProductView = get_model("analytics", "UserProductView")
logger = logging.getLogger(__name__)

VIEWED_COOKIE = "artiqo_viewed"
# Signed values of other purposes (the basket cookie, ...) never pass as this one.
VIEWED_COOKIE_SALT = "artiqo.viewed"
# 20 ids: about 200 bytes of cookie on each request, well under browsers' 4 KB per cookie.
VIEWED_MAX = 20
# This request's list once read or changed, so the page rendered after a record sees it.
_REQUEST_ATTR = "_artiqo_viewed_ids"


def visitor_viewed_ids(*, request) -> list[int]:
    """The works a visitor looked at, newest first; [] without a valid signed cookie."""
    viewed = getattr(request, _REQUEST_ATTR, None)
    if viewed is None:
        viewed = _cookie_ids(request)
        setattr(request, _REQUEST_ATTR, viewed)
    return viewed


def visitor_view_record(*, request, response, product_id: int) -> None:
    """Put `product_id` first in the visitor's looked-at works: a new cookie on `response` only
    when the list changes (looking at the same work again sets nothing)."""
    viewed = visitor_viewed_ids(request=request)
    if viewed[:1] == [product_id]:
        return
    viewed = [product_id, *(pk for pk in viewed if pk != product_id)][:VIEWED_MAX]
    setattr(request, _REQUEST_ATTR, viewed)
    response.set_signed_cookie(
        VIEWED_COOKIE, ".".join(map(str, viewed)), salt=VIEWED_COOKIE_SALT,
        max_age=settings.SESSION_COOKIE_AGE, secure=settings.SESSION_COOKIE_SECURE,
        httponly=True, samesite="Lax",
    )


def _cookie_ids(request) -> list[int]:
    # get_signed_cookie answers the default for a bad signature or an expired cookie.
    raw = request.get_signed_cookie(VIEWED_COOKIE, default="", salt=VIEWED_COOKIE_SALT,
                                    max_age=settings.SESSION_COOKIE_AGE)
    ids = []
    for part in raw.split(".")[:VIEWED_MAX]:
        if not part.isascii() or not part.isdigit() or len(part) > 18:
            return []  # signed by us yet not our format: read as nothing rather than guess
        ids.append(int(part))
    return ids


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
