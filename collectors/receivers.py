"""Signal receivers of collectors: a saved stock record (price, stock) may mail its work's fans."""
from __future__ import annotations

from django.db import transaction


def on_stockrecord_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.product_id is None:
        return
    product_id = instance.product_id

    def notify() -> None:
        from collectors.models import Favourite
        from collectors.services import favourite_changes_notify

        # Most works are nobody's favourite: one cheap query and done.
        if Favourite.objects.filter(product_id=product_id).exists():
            favourite_changes_notify(product_ids=[product_id])

    # After the commit: the mail tells what was saved, and a rolled-back change tells nothing.
    transaction.on_commit(notify, robust=True)
