"""Commissions: special orders from a buyer's brief to the delivered work."""
from django.apps import AppConfig


class CommissionsConfig(AppConfig):
    name = "commissions"
    verbose_name = "Commissions (special orders)"

    def ready(self):
        from commissions.receivers import on_order_paid
        from commissions.selectors import special_order_works, special_order_works_awaiting_payment
        from storefront.order.signals import order_paid
        from storefront.partner.private_sales import private_sale_provider_register
        from storefront.shipping.methods import delivery_included_register

        order_paid.connect(on_order_paid, dispatch_uid="commissions.special_orders_paid")
        # A special order's quote is the price of the work delivered: no delivery on top.
        delivery_included_register(special_order_works)
        # A work made for a special order is hidden from the shop, for sale to its buyer alone.
        private_sale_provider_register(name="special_orders", provider=special_order_works_awaiting_payment)
