"""Artists: accounts, showcase pages (Wagtail), the studio and special orders."""
from django.apps import AppConfig


class ArtistsConfig(AppConfig):
    name = "artists"
    verbose_name = "Artists"

    def ready(self):
        from artists.receivers import on_order_paid
        from artists.selectors import special_order_works, special_order_works_awaiting_payment
        from storefront.basket.private_sales import private_sale_provider_register
        from storefront.order.signals import order_paid
        from storefront.shipping.methods import delivery_included_register

        order_paid.connect(on_order_paid, dispatch_uid="artists.special_orders_paid")
        # A special order's quote is the price of the work delivered: no delivery on top.
        delivery_included_register(special_order_works)
        # A work made for a special order is hidden from the shop, for sale to its buyer alone.
        private_sale_provider_register(name="special_orders", provider=special_order_works_awaiting_payment)
