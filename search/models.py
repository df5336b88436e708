"""The index queue: artworks whose search entry must catch up with the database."""
from django.db import models


class IndexQueueEntry(models.Model):
    """One artwork to re-index, written in the same transaction as the change that needs it.

    Only the id is kept: whoever drains the queue reads the artwork's state at that moment
    and indexes it (or removes it when it is gone or withdrawn), so entries can be
    processed in any order, twice, or after a crash, and the index still ends up right.
    """

    # Not a foreign key: a deleted artwork's entry must survive to remove it from the index.
    product_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    # A failed write is retried after this moment (exponential back-off); null means now.
    retry_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["retry_at", "id"], name="search_queue_due")]
        verbose_name = "index queue entry"
        verbose_name_plural = "index queue entries"

    def __str__(self):
        return f"re-index artwork {self.product_id}"
