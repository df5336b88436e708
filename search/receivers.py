"""Signal receivers of search: works whose features changed are queued for re-indexing."""
from __future__ import annotations

from django.db import transaction


def on_features_changed(sender, artwork_ids, **kwargs) -> None:
    # After the commit, so the index reads the works' new "featured until" (their boost).
    from search.services import artwork_index_enqueue

    ids = list(artwork_ids)
    transaction.on_commit(lambda: artwork_index_enqueue(product_ids=ids), robust=True)


def connect() -> None:
    from storefront.billing.signals import features_changed

    features_changed.connect(on_features_changed, dispatch_uid="search-features-changed")
