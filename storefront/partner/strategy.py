"""The stock and price strategy: Oscar's default, with a buyer's private prices on their cart lines.

Oscar finds this module through get_class("partner.strategy", ...) because the partner app
is forked. A work a buyer may buy at a price of their own (an artist accepted their offer;
storefront.partner.private_sales) is priced so on that buyer's cart lines only, so the
cart, the checkout and the order carry that price; every other page shows the list price.
"""
from decimal import Decimal

from oscar.apps.partner import strategy as oscar_strategy
from oscar.apps.partner.strategy import *  # noqa: F401,F403  (Oscar's other strategy classes, as forks do)
from oscar.core.loading import get_class

from storefront.partner.private_sales import private_prices

FixedPrice = get_class("partner.prices", "FixedPrice")
PurchaseInfo = oscar_strategy.PurchaseInfo


class Default(oscar_strategy.Default):
    """Oscar's default strategy (first stock record, stock required, no tax) plus private prices."""

    def __init__(self, request=None, user=None):
        super().__init__(request)
        if self.user is None and user is not None and getattr(user, "is_authenticated", False):
            self.user = user
        self._private_prices = None

    def private_price(self, product_id) -> Decimal | None:
        """The user's own price for this work, if any (one query per strategy, on the first line asked)."""
        if self.user is None:
            return None
        if self._private_prices is None:
            self._private_prices = private_prices(buyer=self.user)
        return self._private_prices.get(product_id)

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
