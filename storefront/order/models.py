"""Orders: Oscar's, forked to hold stock for a limited time and to replay idempotent placement."""
from django.db import models
from oscar.apps.order.abstract_models import AbstractOrder

from storefront.order import statuses


class Order(AbstractOrder):
    """An order; unpaid orders hold their works until `hold_expires_at`, then release them."""

    # The transitions staff may make (Oscar reads OSCAR_ORDER_STATUS_PIPELINE otherwise:
    # the settings would then have to import this app).
    pipeline = statuses.PIPELINE

    hold_expires_at = models.DateTimeField(
        null=True, blank=True, db_index=True,
        help_text="Until when the works of this unpaid order are kept for the buyer",
    )
    idempotency_key = models.CharField(
        max_length=100, null=True, blank=True,
        help_text="The client's Idempotency-Key for placing this order (a replay returns this order)",
    )

    class Meta(AbstractOrder.Meta):
        constraints = [
            # Two concurrent placements with the same key: the database lets only one in.
            models.UniqueConstraint(fields=["user", "idempotency_key"], name="order_unique_idempotency_key"),
        ]


from oscar.apps.order.models import *  # noqa: E402,F401,F403
