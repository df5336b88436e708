"""Artists: accounts, showcase pages (Wagtail), the studio and special orders."""
from django.apps import AppConfig


class ArtistsConfig(AppConfig):
    name = "artists"
    verbose_name = "Artists"

    def ready(self):
        from artists.receivers import on_order_paid
        from storefront.order.signals import order_paid

        order_paid.connect(on_order_paid, dispatch_uid="artists.special_orders_paid")
