"""Artists: who sells on Artiqo (user + Oscar partner), their showcase pages, applications to become one,
and the certificates of authenticity of their sold works."""
from django.apps import AppConfig


class ArtistsConfig(AppConfig):
    name = "artists"
    verbose_name = "Artists"

    def ready(self):
        from artists.receivers import (
            certificate_documents,
            certificates_reconcile,
            on_order_paid,
            on_payment_refunded,
        )
        from storefront.order.documents import line_documents_provider_register
        from storefront.order.signals import order_paid, payment_refunded
        from storefront.payment.reconciliation import reconciliation_step_register

        order_paid.connect(on_order_paid, dispatch_uid="artists.certificates_issue")
        payment_refunded.connect(on_payment_refunded, dispatch_uid="artists.certificates_revoke")
        line_documents_provider_register(certificate_documents)
        # A signal lost to a crash leaves a sale uncertified: `reconcile_payments` issues what is missing.
        reconciliation_step_register(name="certificates", step=certificates_reconcile)
