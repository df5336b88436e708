"""Stock records: Oscar's, with a database constraint that stock is never oversold; and stock holds."""
from django.conf import settings
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


class StockHold(models.Model):
    """Stock kept for one buyer outside an order, e.g. an original at the price its artist accepted.

    The hold allocates stock exactly as an unpaid order does (storefront.order.holds): while
    `is_live`, the allocation is the hold's own and nobody else can buy that stock. When its
    holder places an order, the order takes the allocation over (`order` is set, `is_live`
    False) and gives it back if the order lapses unpaid before the hold ends. It ends when
    it lapses (`expires_at`), when the app that placed it lets go, or with the sale.
    """

    stockrecord = models.ForeignKey("partner.StockRecord", on_delete=models.CASCADE, related_name="holds")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stock_holds")
    quantity = models.PositiveIntegerField(default=1)
    expires_at = models.DateTimeField()
    label = models.CharField(max_length=60, help_text="What the holder is told in the cart, e.g. “Your offer price”")
    is_live = models.BooleanField(default=True, help_text="The allocation is this hold's own (not ended, not handed "
                                                          "to an order)")
    order = models.ForeignKey("order.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              help_text="The holder's order that took the allocation over")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["stockrecord", "is_live"], name="stockhold_record_live"),
            models.Index(fields=["is_live", "expires_at"], name="stockhold_live_due"),
        ]

    def __str__(self):
        return f"Hold of stock record {self.stockrecord_id} for user {self.user_id}"


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
