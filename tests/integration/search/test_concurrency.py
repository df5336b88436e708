"""Several processes writing the index at once: every write lands, none fails on Whoosh's lock.

Measured before the queue existed: two processes opening Whoosh writers at once get
LockError. Here processes are forked (each with its own writer, as gunicorn workers).
"""
import multiprocessing

import pytest
from django.db import connection, connections, transaction
from haystack import connections as haystack_connections

from search.locking import index_writer_lock
from search.models import IndexQueueEntry
from search.selectors import SearchFilters, artwork_index_objects, artwork_index_queryset, artwork_search
from search.services import index_queue_process
from storefront.catalogue.models import Product
from tests.factories.catalogue import make_artwork

ROUNDS = 8


def _run_forked(target, args_list) -> list:
    """Start one forked process per args, released together; their error texts (empty if none)."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(args_list))
    errors = context.Queue()
    processes = [context.Process(target=_guarded, args=(target, barrier, errors, *args)) for args in args_list]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=240)
    assert all(process.exitcode == 0 for process in processes), [process.exitcode for process in processes]
    found = []
    while not errors.empty():
        found.append(errors.get())
    return found


def _guarded(target, barrier, errors, *args):
    try:
        barrier.wait(timeout=60)
        target(*args)
    except Exception as exc:  # reported to the parent, which fails the test
        errors.put(f"{type(exc).__name__}: {exc}")


def _write_through_the_lock(objects, rounds):
    backend = haystack_connections["default"].get_backend()
    index = haystack_connections["default"].get_unified_index().get_index(Product)
    for _ in range(rounds):
        with index_writer_lock(wait=60) as held:
            assert held
            backend.update(index, objects)
            backend.remove(f"catalogue.product.{objects[0].pk}")
            backend.update(index, objects[:1])


def test_two_processes_writing_the_index_at_once_both_land(catalogue):
    first = [make_artwork(catalogue["artists"]["ana"], title=f"Lantern {n}", with_image=False) for n in range(3)]
    second = [make_artwork(catalogue["artists"]["mira"], title=f"Kite {n}", with_image=False) for n in range(3)]
    load = artwork_index_objects
    groups = [load(queryset=artwork_index_queryset().filter(pk__in=[w.pk for w in works])) for works in (first, second)]

    errors = _run_forked(_write_through_the_lock, [(group, ROUNDS) for group in groups])

    assert errors == []
    assert artwork_search(text="lantern").total == 3
    assert artwork_search(text="kite").total == 3


def _save_artworks(artist_pk, word, count):
    from artists.models import Artist

    artist = Artist.objects.get(pk=artist_pk)
    for n in range(count):
        with transaction.atomic():
            make_artwork(artist, title=f"{word} {n}", description=f"A {word} study.", with_image=False)
    connections.close_all()


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "mysql",
                    reason="needs several processes on one database: run with DATABASE_URL=mysql://...")
def test_web_processes_saving_artworks_at_once_all_reach_the_index(catalogue):
    artists = catalogue["artists"]
    # Forked children must open their own database connections.
    connections.close_all()

    errors = _run_forked(_save_artworks, [(artists["ana"].pk, "heron", 6), (artists["tomas"].pk, "otter", 6)])

    # Whoever held the writer lock drained what the other queued (it looks again after
    # letting go): nothing is left behind and nothing failed.
    assert errors == []
    assert IndexQueueEntry.objects.count() == 0
    assert index_queue_process().indexed == 0
    assert artwork_search(text="heron", filters=SearchFilters(), page_size=20).total == 6
    assert artwork_search(text="otter", page_size=20).total == 6
