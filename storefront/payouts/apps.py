"""App config of payouts: webhook handlers, order signals and the reconcile step, registered at start-up."""
from django.apps import AppConfig


class PayoutsConfig(AppConfig):
    name = "storefront.payouts"
    label = "payouts"
    verbose_name = "Artist payouts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from storefront.payouts import receivers

        receivers.connect()
