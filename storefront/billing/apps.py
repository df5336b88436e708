"""App config of billing: connects the ledger to the order and payment signals, registers billing's payments."""
from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "storefront.billing"
    label = "billing"
    verbose_name = "Billing and monetisation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from storefront.billing import receivers
        from storefront.billing.services.charges import charge_purposes_register

        receivers.connect()
        charge_purposes_register()
