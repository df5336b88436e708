"""Stock records: Oscar's, with a database constraint that stock is never oversold."""
from django.db import models
from django.db.models import F, Q
from oscar.apps.partner.abstract_models import AbstractStockRecord


class StockRecord(AbstractStockRecord):
    class Meta(AbstractStockRecord.Meta):
        constraints = [
            # The last line of defence for one-of-a-kind originals: whatever the code does,
            # the database refuses to allocate more than is in stock.
            models.CheckConstraint(
                condition=Q(num_allocated__isnull=True)
                | Q(num_in_stock__isnull=True)
                | Q(num_allocated__lte=F("num_in_stock")),
                name="stockrecord_not_oversold",
            ),
        ]


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
