"""App config of billing: connects the ledger to the order and payment signals and to their reconciliation,
registers billing's payments and the plan limit on listing works."""
from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "storefront.billing"
    label = "billing"
    verbose_name = "Billing and monetisation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from storefront.billing import receivers
        from storefront.billing.selectors import ledger_disagreement_list
        from storefront.billing.services.charges import charge_purposes_register
        from storefront.billing.services.plans import plan_check_can_list
        from storefront.catalogue.services import listing_guard_register
        from storefront.payment.reconciliation import reconciliation_check_register

        receivers.connect()
        charge_purposes_register()
        # The artist's plan caps how many works they may have for sale at once.
        listing_guard_register(name="plan", guard=plan_check_can_list)
        # `manage.py reconcile_payments` (payments' floor) reports where the fee ledger disagrees.
        reconciliation_check_register(name="ledger", check=ledger_disagreement_list)
