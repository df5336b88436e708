"""The stock and price strategy: Oscar's default, with a buyer's private prices on their cart lines.

A work held for the buyer (a StockHold: storefront.order.holds) counts as available to
them alone: its allocation is theirs, so their cart and checkout see it in stock.

Oscar finds this module through get_class("partner.strategy", ...) because the partner app
is forked. A work a buyer may buy at a price of their own (an artist accepted their offer;
storefront.partner.private_sales) is priced so on that buyer's cart lines only, so the
cart, the checkout and the order carry that price; every other page shows the list price.
"""
from decimal import Decimal

from django.utils import timezone
from oscar.apps.partner import strategy as oscar_strategy
from oscar.apps.partner.strategy import *  # noqa: F401,F403  (Oscar's other strategy classes, as forks do)
from oscar.core.loading import get_class, get_model

from storefront.partner.private_sales import private_prices

FixedPrice = get_class("partner.prices", "FixedPrice")
StockRequired = get_class("partner.availability", "StockRequired")
StockHold = get_model("partner", "StockHold")
PurchaseInfo = oscar_strategy.PurchaseInfo


class Default(oscar_strategy.Default):
    """Oscar's default strategy (first stock record, stock required, no tax) plus private prices."""

    def __init__(self, request=None, user=None):
        super().__init__(request)
        if self.user is None and user is not None and getattr(user, "is_authenticated", False):
            self.user = user
        self._private_prices = None
        self._held = None

    def private_price(self, product_id) -> Decimal | None:
        """The user's own price for this work, if any (one query per strategy, on the first line asked)."""
        if self.user is None:
            return None
        if self._private_prices is None:
            self._private_prices = private_prices(buyer=self.user)
        return self._private_prices.get(product_id)

    def held_quantity(self, stockrecord_id) -> int:
        """How much of this stock record is held for the user (one query per strategy, when first asked)."""
        if self.user is None:
            return 0
        if self._held is None:
            self._held = {}
            for record_id, quantity in StockHold.objects.filter(
                    user=self.user, is_live=True, expires_at__gt=timezone.now()).values_list("stockrecord_id",
                                                                                              "quantity"):
                self._held[record_id] = self._held.get(record_id, 0) + quantity
        return self._held.get(stockrecord_id, 0)

    def availability_policy(self, product, stockrecord):
        policy = super().availability_policy(product, stockrecord)
        # Only a work with nothing free and something allocated can be held for someone: the
        # others (for sale, or sold) cost no query.
        if (isinstance(policy, StockRequired) and policy.num_available <= 0 and stockrecord is not None
                and (stockrecord.num_allocated or 0) > 0):
            held = self.held_quantity(stockrecord.pk)
            if held:
                return StockRequired(policy.num_available + held)
        return policy

    def fetch_for_line(self, line, stockrecord=None):
        info = super().fetch_for_line(line, stockrecord)
        if not info.price.exists or info.stockrecord is None:
            return info
        price = self.private_price(line.product_id)
        if price is None:
            return info
        return PurchaseInfo(price=FixedPrice(info.price.currency, excl_tax=price, tax=Decimal("0.00")),
                            availability=info.availability, stockrecord=info.stockrecord)


class Selector:
    """One strategy for everybody: Default, for the request's user or the user given."""

    def strategy(self, request=None, user=None, **kwargs):
        return Default(request, user=user)
