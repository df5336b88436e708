"""Rows the kernel keeps for every app: the stored answers of idempotent API requests."""
from django.conf import settings
from django.db import models


class IdempotencyRecord(models.Model):
    """The answer given to a successful request made with an `Idempotency-Key` header.

    A repeat with the same key (same user, same operation) gets this answer back instead
    of running the operation again; the fingerprint tells a repeat from a different body.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=60)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        # The table was created by the API app (label `api`) before the model moved here.
        db_table = "api_idempotencyrecord"
        constraints = [
            # The unique index is what makes two concurrent requests with one key wait for
            # each other: the second insert blocks until the first commits, then fails.
            models.UniqueConstraint(fields=["user", "scope", "key"], name="api_idempotency_key_once"),
        ]

    def __str__(self):
        return f"{self.scope}:{self.key} → {self.status_code}"
