"""App config of billing: connects the ledger to the order and payment signals."""
from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "storefront.billing"
    label = "billing"
    verbose_name = "Billing and monetisation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from storefront.billing import receivers

        receivers.connect()
