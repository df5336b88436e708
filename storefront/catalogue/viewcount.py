"""Counting artwork page views without a database write per view: counters in the cache, flushed in batches.

A view bumps two cache counters: the work's count for the day, and (the first time the work
is seen that day) the day's index of works, whose n-th slot names the work. Both are atomic
`incr`s, in one process (local memory) or across machines (Redis), so concurrent views are
never lost to a read-modify-write. `manage.py flush_artwork_views` (cron, every few minutes)
copies each counted day into `ArtworkViewDay`, keeping the larger of the stored and the
counted number: flushing twice changes nothing, and a cache emptied mid-day never lowers a
count. The artist's own visits to their works are not counted.
"""
from __future__ import annotations

import datetime
import logging

from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

KEEP_SECONDS = 3 * 24 * 3600  # counters outlive a missed flush or two
PREFIX = "artwork-views"


def _count_key(day: datetime.date, artwork_id: int) -> str:
    return f"{PREFIX}:{day.isoformat()}:{artwork_id}"


def _index_key(day: datetime.date, n: int | None = None) -> str:
    return f"{PREFIX}-index:{day.isoformat()}" + ("" if n is None else f":{n}")


def _incr(key: str) -> int:
    if cache.add(key, 1, KEEP_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, KEEP_SECONDS)
        return 1


def artwork_view_count(*, artwork, user) -> None:
    """Count one view of `artwork`'s page by `user` (anonymous too), unless it is the work's own artist."""
    artist_user_id = getattr(getattr(artwork, "artist", None), "user_id", None)
    if artist_user_id is not None and getattr(user, "pk", None) == artist_user_id:
        return
    try:
        day = timezone.localdate()
        if _incr(_count_key(day, artwork.pk)) == 1:
            # First view of this work today: give it a slot in the day's index.
            slot = _incr(_index_key(day))
            cache.set(_index_key(day, slot), artwork.pk, KEEP_SECONDS)
    except Exception:  # noqa: BLE001  (a lost count must never fail the page)
        logger.warning("Could not count a view of artwork %s", artwork.pk, exc_info=True)


def artwork_views_flush(*, days: int = 3) -> int:
    """Write the cache's counts of the last `days` days into ArtworkViewDay; returns the rows written."""
    from storefront.catalogue.models import ArtworkViewDay, Product

    written = 0
    today = timezone.localdate()
    for back in range(days):
        day = today - datetime.timedelta(days=back)
        slots = cache.get(_index_key(day)) or 0
        if not slots:
            continue
        ids = {pk for pk in cache.get_many([_index_key(day, n) for n in range(1, slots + 1)]).values() if pk}
        counts = cache.get_many([_count_key(day, pk) for pk in ids])
        by_id = {pk: counts.get(_count_key(day, pk), 0) for pk in ids}
        existing = dict(ArtworkViewDay.objects.filter(day=day, artwork_id__in=list(by_id))
                        .values_list("artwork_id", "views"))
        known = set(Product.objects.filter(pk__in=list(by_id)).values_list("pk", flat=True))
        for pk, count in by_id.items():
            if pk not in known or count <= existing.get(pk, -1):
                continue
            ArtworkViewDay.objects.update_or_create(artwork_id=pk, day=day, defaults={"views": count})
            written += 1
    return written
