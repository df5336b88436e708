"""An artwork kept unpickled per process (versioned_instance_get_or_set) is read again exactly when the cache would.

The process keeps the instance only while the cache still holds the stamp it came with:
a cleared, expired or evicted entry, or a new catalogue version, reads the work afresh.
Each caller gets its own copy, so what one request sets on it is never another's.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from oscar.core.loading import get_model

from storefront.catalogue.selectors import artwork_get

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def _price(work) -> Decimal:
    return artwork_get(pk=work.pk).price


def test_a_cleared_cache_reads_the_artwork_afresh_in_a_process_that_kept_it(storefront_catalogue):
    harbour = storefront_catalogue["works"]["harbour"]
    before = _price(harbour)
    # Changed behind the catalogue's back (no version bump): only the cache's own expiry
    # or a clear brings it, and then it must come, kept instance or not.
    StockRecord.objects.filter(product=harbour).update(price=Decimal("913.00"))
    assert _price(harbour) == before
    cache.clear()
    assert _price(harbour) == Decimal("913.00")


def test_a_change_through_the_shop_shows_at_once(storefront_catalogue):
    harbour = storefront_catalogue["works"]["harbour"]
    _price(harbour)
    record = harbour.stockrecords.get()
    record.price = Decimal("444.00")
    record.save()
    assert _price(harbour) == Decimal("444.00")


def test_what_one_caller_sets_on_the_artwork_is_not_the_next_callers(storefront_catalogue):
    harbour = storefront_catalogue["works"]["harbour"]
    first = artwork_get(pk=harbour.pk)
    first.reserved_until = "someone else's hold"
    first._prefetched_objects_cache.pop("tags")
    second = artwork_get(pk=harbour.pk)
    assert second is not first and not hasattr(second, "reserved_until")
    assert "tags" in second._prefetched_objects_cache and second.title == "Harbour at Dusk"
