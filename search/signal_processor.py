"""Haystack signal processor: every change a search result shows queues its artworks.

Instead of writing the index inside the request (Whoosh allows one writer; two web
processes saving at once would hit LockError), changes become IndexQueueEntry rows in
the same transaction, drained by one writer (see search.services). The same events
bump the catalogue's cache version (artiqo.core.cache): cached page parts are read afresh.
"""
from __future__ import annotations

from django.db.models import signals
from haystack.signals import BaseSignalProcessor
from oscar.core.loading import get_model

from artiqo.core.cache import CATALOGUE, cache_version_bump
from storefront.order.signals import stock_hold_changed


class QueuedSignalProcessor(BaseSignalProcessor):
    """Queues artworks when they, their stock, images, tags, categories, orders, artist or vibe change."""

    def setup(self):
        from artists.models import Artist

        Product = get_model("catalogue", "Product")
        Line = get_model("order", "Line")
        OrderStatusChange = get_model("order", "OrderStatusChange")
        self._senders = {
            Product: lambda instance: [instance.pk],
            get_model("partner", "StockRecord"): lambda instance: [instance.product_id],
            get_model("catalogue", "ProductImage"): lambda instance: [instance.product_id],
            get_model("catalogue", "ProductCategory"): lambda instance: [instance.product_id],
            # A sale: whatever way checkout allocates stock, its order lines are saved.
            Line: lambda instance: [instance.product_id],
            # Holds are released (and lapsed orders re-claimed) with conditional UPDATEs on
            # stock, which send no signal; each such move records an order status change.
            OrderStatusChange: lambda instance: Line.objects.filter(order_id=instance.order_id).values_list(
                "product_id", flat=True),
            # Renames show on every card of the artist, vibe or category.
            Artist: lambda instance: Product.objects.filter(artist=instance).values_list("pk", flat=True),
            get_model("catalogue", "Vibe"): (
                lambda instance: Product.objects.filter(vibe=instance).values_list("pk", flat=True)
            ),
            get_model("catalogue", "Category"): lambda instance: instance.product_set.values_list("pk", flat=True),
        }
        for sender in self._senders:
            signals.post_save.connect(self.handle_save, sender=sender)
            signals.post_delete.connect(self.handle_delete, sender=sender)
        for through in (Product.tags.through, Product.categories.through):
            signals.m2m_changed.connect(self.handle_m2m, sender=through)
        # A work held for one buyer (an accepted offer), or released: it shows as reserved or for sale.
        stock_hold_changed.connect(self.handle_stock_hold, dispatch_uid="search.stock-hold")

    def teardown(self):
        stock_hold_changed.disconnect(self.handle_stock_hold, dispatch_uid="search.stock-hold")
        for sender in self._senders:
            signals.post_save.disconnect(self.handle_save, sender=sender)
            signals.post_delete.disconnect(self.handle_delete, sender=sender)
        Product = get_model("catalogue", "Product")
        for through in (Product.tags.through, Product.categories.through):
            signals.m2m_changed.disconnect(self.handle_m2m, sender=through)

    def _enqueue(self, sender, instance) -> None:
        from search.services import artwork_index_enqueue

        # Pages show more than the index does (an artist or category with no works yet
        # in the browse filters): their cached parts are stale whatever the artworks.
        cache_version_bump(name=CATALOGUE)
        artwork_index_enqueue(product_ids=self._senders[sender](instance))

    def handle_stock_hold(self, sender, product_id, **kwargs):
        from search.services import artwork_index_enqueue

        cache_version_bump(name=CATALOGUE)
        artwork_index_enqueue(product_ids=[product_id])

    def handle_save(self, sender, instance, raw=False, **kwargs):
        if not raw:
            self._enqueue(sender, instance)

    def handle_delete(self, sender, instance, **kwargs):
        self._enqueue(sender, instance)

    def handle_m2m(self, sender, instance, action, reverse=False, pk_set=None, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        from search.services import artwork_index_enqueue

        Product = get_model("catalogue", "Product")
        if not reverse and isinstance(instance, Product):
            # product.tags.add(...) / product.categories.add(...). Taggit's through model is
            # shared with Wagtail's images and documents, hence the type check.
            artwork_index_enqueue(product_ids=[instance.pk])
        elif reverse and sender is Product.categories.through:
            # category.product_set.add(...): the artworks are in pk_set (a clear names none,
            # but removes ProductCategory rows whose own signals queue the artworks).
            artwork_index_enqueue(product_ids=pk_set or ())
