"""Writes for search: queue artworks for re-indexing, and drain the queue with one writer.

Every change that affects a search result adds an IndexQueueEntry in the same database
transaction (so a rolled-back change queues nothing and a committed one is never
forgotten). Right after the commit the same process tries to drain the queue; if another
process holds the writer lock, that process drains it instead (it looks again after
letting go), and `manage.py process_index_queue` drains it as a worker. A write that
fails stays queued and is retried with back-off.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from haystack import connection_router, connections
from haystack.utils import get_model_ct
from oscar.core.loading import get_model

from artiqo.core.cache import CATALOGUE, cache_version_bump
from search.locking import index_writer_lock
from search.models import IndexQueueEntry
from search.selectors import artwork_index_objects, artwork_index_queryset
from storefront.catalogue.selectors import artwork_queryset

Product = get_model("catalogue", "Product")

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
RETRY_BASE_SECONDS = 2
RETRY_MAX_SECONDS = 300


@dataclass
class QueueRun:
    """What one drain did."""

    indexed: int = 0
    removed: int = 0
    failed: int = 0
    locked_out: bool = False


def artwork_index_enqueue(*, product_ids: Iterable[int | None]) -> int:
    """Queue these artworks for re-indexing (in the caller's transaction); returns how many."""
    ids = sorted({int(pk) for pk in product_ids if pk is not None})
    if not ids:
        return 0
    IndexQueueEntry.objects.bulk_create([IndexQueueEntry(product_id=pk) for pk in ids])
    if getattr(settings, "SEARCH_INDEX_DRAIN_ON_COMMIT", True):
        # One callback per call: after the first drains the queue, the others cost one
        # query each (a drain starts by looking for due entries).
        transaction.on_commit(_drain_after_commit, robust=True)
    # What the index hears of is what the catalogue's pages show: their cached parts
    # (artiqo.core.cache) are read afresh from the next request on (and again after the
    # commit, once the drain above has run).
    cache_version_bump(name=CATALOGUE)
    return len(ids)


def _drain_after_commit() -> None:
    # Best effort: never wait for the lock in a web request; its holder drains our entries.
    index_queue_process(wait=0)


def index_queue_process(*, wait: float = 0.0, batch_size: int = BATCH_SIZE) -> QueueRun:
    """Index every due queue entry while holding the writer lock (waiting up to `wait` s)."""
    run = QueueRun()
    # Looking after letting go of the lock matters: someone may have queued work while
    # we held it and left it to us, or it would wait for the next change.
    while _due_entries(1):
        with index_writer_lock(wait=wait) as acquired:
            if not acquired:
                run.locked_out = True
                return run
            while entries := _due_entries(batch_size):
                _process(entries, run)
        wait = 0
    return run


def _due_entries(limit: int) -> list[IndexQueueEntry]:
    due = Q(retry_at__isnull=True) | Q(retry_at__lte=timezone.now())
    return list(IndexQueueEntry.objects.filter(due).order_by("id")[:limit])


def _process(entries: list[IndexQueueEntry], run: QueueRun) -> None:
    try:
        indexed, removed = artwork_index_sync(product_ids={entry.product_id for entry in entries})
    except Exception as exc:
        logger.exception("Search index write failed; %d queue entries will be retried", len(entries))
        _postpone(entries, exc)
        run.failed += len(entries)
        return
    IndexQueueEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()
    # Search results and counts cached meanwhile may have read the index before this write.
    cache_version_bump(name=CATALOGUE)
    run.indexed += indexed
    run.removed += removed


def _postpone(entries: list[IndexQueueEntry], exc: Exception) -> None:
    now = timezone.now()
    for entry in entries:
        entry.attempts += 1
        delay = min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2 ** (entry.attempts - 1))
        entry.retry_at = now + timedelta(seconds=delay)
        entry.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    IndexQueueEntry.objects.bulk_update(entries, ["attempts", "retry_at", "last_error"])


def artwork_index_sync(*, product_ids: set[int]) -> tuple[int, int]:
    """Make the index match the database for these artworks: (indexed, removed).

    Public artworks are (re)written; deleted or withdrawn ones are removed. Call it while
    holding the writer lock (index_queue_process does).
    """
    products = artwork_index_objects(queryset=artwork_index_queryset().filter(pk__in=product_ids))
    gone = set(product_ids) - {product.pk for product in products}
    content_type = get_model_ct(Product)
    for alias in connection_router.for_write():
        backend = connections[alias].get_backend()
        index = connections[alias].get_unified_index().get_index(Product)
        if products:
            backend.update(index, products)
        for pk in sorted(gone):
            backend.remove(f"{content_type}.{pk}")
    return len(products), len(gone)


def _in_pk_chunks(queryset, size: int):
    # Keyset pages: each chunk is a handful of queries, and memory stays flat.
    last = 0
    while batch := artwork_index_objects(queryset=queryset.filter(pk__gt=last).order_by("pk")[:size]):
        yield from batch
        last = batch[-1].pk


def artwork_index_rebuild(*, chunk_size: int = 2000) -> int | None:
    """Re-index every public artwork in one pass (hold the writer lock); None if unsupported.

    Engines with a `rebuild` method (search.backends) swap in the new index at the end;
    for the others (Elasticsearch, Solr) Haystack's clear + update is the way.
    """
    aliases = connection_router.for_write()
    backends = [connections[alias].get_backend() for alias in aliases]
    if not all(hasattr(backend, "rebuild") for backend in backends):
        return None
    count = 0
    for alias, backend in zip(aliases, backends):
        index = connections[alias].get_unified_index().get_index(Product)
        count = backend.rebuild(index, _in_pk_chunks(artwork_index_queryset(), chunk_size))
    return count


def artwork_index_reconcile() -> int:
    """Queue every artwork whose presence or availability in the index differs from the database.

    Catches the changes no signal announces: stock moved by conditional UPDATEs (holds
    released, studio stock edits), bulk updates, a lost drain. About a second at 100,000
    works; the worker runs it every minute. Returns how many artworks it queued (0 on
    engines that cannot list their documents cheaply).
    """
    backend = connections["default"].get_backend()
    if not hasattr(backend, "matching_ids"):
        return 0
    everything = backend.matching_ids("*", id_field="artwork_id", limit=10**9)
    for_sale = backend.matching_ids("is_available:true", id_field="artwork_id", limit=10**9)
    indexed = dict.fromkeys(everything, False) | dict.fromkeys(for_sale, True)
    current = dict(artwork_queryset(public_only=True).order_by().values_list("pk", "is_available"))
    stale = {pk for pk, available in current.items() if indexed.get(pk) != bool(available)}
    stale |= indexed.keys() - current.keys()
    artwork_index_enqueue(product_ids=stale)
    return len(stale)

