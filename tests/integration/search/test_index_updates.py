"""The index follows the catalogue: new, edited, sold, withdrawn and deleted works, retries."""
import fcntl
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from haystack import connections

from search.locking import index_lock_path
from search.models import IndexQueueEntry
from search.selectors import SearchFilters, artwork_search
from search.services import artwork_index_reconcile, index_queue_process
from tests.factories.catalogue import make_artwork
from tests.factories.search import artwork_sell


def titles(text, **filters):
    return [hit.title for hit in artwork_search(text=text, filters=SearchFilters(**filters)).hits]


def test_a_new_artwork_is_searchable_once_its_transaction_commits(catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_artwork(catalogue["artists"]["ana"], title="Lighthouse at Dusk", description="A lone lighthouse.",
                     with_image=False)
        assert titles("lighthouse") == []  # not before the commit

    assert titles("lighthouse") == ["Lighthouse at Dusk"]
    assert not IndexQueueEntry.objects.exists()


def test_an_edited_title_replaces_the_old_one(catalogue, django_capture_on_commit_callbacks):
    work = catalogue["poppies"]
    with django_capture_on_commit_callbacks(execute=True):
        work.title = "Tulip Field"
        work.save()

    assert titles("tulip") == ["Tulip Field"]
    assert "Red Poppies" not in titles("poppies")


def test_a_sold_work_drops_out_of_default_results(catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        artwork_sell(catalogue["poppies"])

    assert "Red Poppies" not in titles("poppies")
    assert titles("poppies", available_only=False) == ["Red Poppies"]


def test_a_price_change_shows_on_the_card(catalogue, django_capture_on_commit_callbacks):
    record = catalogue["poppies"].stockrecords.get()
    with django_capture_on_commit_callbacks(execute=True):
        record.price = Decimal("75.50")
        record.save()

    assert artwork_search(text="poppies").hits[0].price == Decimal("75.50")


def test_a_withdrawn_work_disappears(catalogue, django_capture_on_commit_callbacks):
    work = catalogue["harbour"]
    with django_capture_on_commit_callbacks(execute=True):
        work.is_public = False
        work.save()

    assert titles("harbour", available_only=False) == []


def test_a_deleted_work_disappears(catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["harbour"].delete()

    assert titles("harbour", available_only=False) == []


def test_renaming_an_artist_updates_every_card_of_theirs(catalogue, django_capture_on_commit_callbacks):
    ana = catalogue["artists"]["ana"]
    with django_capture_on_commit_callbacks(execute=True):
        ana.name = "Ana Reyes-Moreau"
        ana.save()

    assert set(titles("moreau")) == {"Watercolour Garden", "Red Poppies", "Rain on Karl Johan"}


def test_new_tags_are_searchable(catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["poppies"].tags.add("remembrance")

    assert titles("remembrance") == ["Red Poppies"]


def test_a_rolled_back_change_queues_nothing(catalogue):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        make_artwork(catalogue["artists"]["ana"], title="Never Listed", with_image=False)
        raise RuntimeError("checkout failed")

    assert not IndexQueueEntry.objects.exists()


def test_a_failed_index_write_is_retried_not_lost(catalogue, monkeypatch):
    work = catalogue["poppies"]
    work.title = "Tulip Field"
    work.save()
    backend = connections["default"].get_backend()
    original = type(backend).update

    def broken(self, index, iterable, commit=True):
        raise OSError("disk full")

    monkeypatch.setattr(type(backend), "update", broken)
    run = index_queue_process()

    entry = IndexQueueEntry.objects.get()
    assert run.failed == 1 and entry.attempts == 1 and "disk full" in entry.last_error
    assert entry.retry_at > timezone.now()
    assert index_queue_process().failed == 0  # not due yet: left alone

    monkeypatch.setattr(type(backend), "update", original)
    IndexQueueEntry.objects.update(retry_at=timezone.now() - timedelta(seconds=1))
    assert index_queue_process().indexed == 1
    assert titles("tulip") == ["Tulip Field"]
    assert not IndexQueueEntry.objects.exists()


def test_a_busy_writer_lock_leaves_the_work_queued_for_its_holder(catalogue):
    work = catalogue["poppies"]
    work.title = "Tulip Field"
    work.save()

    # Another process holds the writer lock: a drain steps aside instead of failing.
    with open(index_lock_path(), "a+") as other_process:
        fcntl.flock(other_process, fcntl.LOCK_EX)
        run = index_queue_process()
        fcntl.flock(other_process, fcntl.LOCK_UN)
    assert run.locked_out and IndexQueueEntry.objects.exists()

    index_queue_process()
    assert titles("tulip") == ["Tulip Field"]


def test_process_index_queue_command_drains_the_queue(catalogue):
    work = catalogue["poppies"]
    work.title = "Tulip Field"
    work.save()

    call_command("process_index_queue", verbosity=0)

    assert titles("tulip") == ["Tulip Field"]


def test_rebuild_index_starts_from_scratch(catalogue):
    from storefront.catalogue.models import Product

    # A change that bypasses signals (a bulk update) leaves the index stale...
    Product.objects.filter(pk=catalogue["poppies"].pk).update(title="Tulip Field")
    assert titles("tulip") == []

    call_command("rebuild_index", interactive=False, verbosity=0)

    assert titles("tulip") == ["Tulip Field"]
    assert "Red Poppies" not in titles("poppies")
    assert artwork_search(text="blue", filters=SearchFilters(available_only=False)).total == 5


def test_rebuild_index_takes_haystacks_generic_path_on_other_engines(catalogue, settings):
    # Engines without a one-pass rebuild (Elasticsearch, Solr; here the stock Whoosh
    # engine) get Haystack's clear + update over artwork_index_queryset.
    from haystack.query import SearchQuerySet

    settings.HAYSTACK_CONNECTIONS = {
        "default": {
            **settings.HAYSTACK_CONNECTIONS["default"], "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        }
    }
    connections.reload("default")

    call_command("rebuild_index", interactive=False, verbosity=0)

    found = list(SearchQuerySet().filter(content="poppies"))
    assert [result.title for result in found] == ["Red Poppies"]
    assert found[0].category_paths == [] and found[0].medium_label == "Acrylic"


def test_stock_moved_without_signals_is_caught_by_the_reconcile(catalogue):
    from storefront.partner.models import StockRecord

    # Checkout holds and studio edits move stock with conditional UPDATEs (no signals).
    StockRecord.objects.filter(product=catalogue["poppies"]).update(num_allocated=1)
    StockRecord.objects.filter(product=catalogue["sold_ocean"]).update(num_allocated=0)
    assert titles("poppies") == ["Red Poppies"]

    call_command("process_index_queue", reconcile=True, verbosity=0)

    assert titles("poppies") == []
    assert "Blue Ocean Study" in titles("study")
    assert artwork_index_reconcile() == 0


def test_a_work_held_by_an_unpaid_order_returns_to_search_when_the_hold_lapses(
    catalogue, buyer, django_capture_on_commit_callbacks
):
    from storefront.order.holds import order_holds_release_expired
    from tests.factories.orders import make_order

    with django_capture_on_commit_callbacks(execute=True):
        make_order(buyer, catalogue["poppies"])
    assert titles("poppies") == []

    # The release moves stock with conditional UPDATEs; its status change queues the works.
    with django_capture_on_commit_callbacks(execute=True):
        assert order_holds_release_expired(now=timezone.now() + timedelta(hours=1)) == 1

    assert titles("poppies") == ["Red Poppies"]
    assert not IndexQueueEntry.objects.exists()
