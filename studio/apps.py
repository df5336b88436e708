"""The studio: an artist's back office. No models of its own: it edits what artists, the catalogue,
commissions, billing and payouts own."""
from django.apps import AppConfig


class StudioConfig(AppConfig):
    name = "studio"
    verbose_name = "Studio"

    def ready(self):
        from commissions.signals import special_order_delivering
        from studio.receivers import on_special_order_delivering

        special_order_delivering.connect(on_special_order_delivering, dispatch_uid="studio.special_order_ship")
