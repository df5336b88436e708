import oscar.apps.payment.apps as apps


class PaymentConfig(apps.PaymentConfig):
    name = 'storefront.payment'

    def ready(self):
        super().ready()
        from storefront.payment import checks  # noqa: F401  (registers the Stripe settings check)
