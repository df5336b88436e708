import oscar.apps.payment.apps as apps


class PaymentConfig(apps.PaymentConfig):
    name = 'storefront.payment'

    def ready(self):
        super().ready()
        from storefront.payment import checks  # noqa: F401  (registers the Stripe settings check)
        from storefront.payment import services
        from storefront.payment.webhooks import webhook_handler_register

        webhook_handler_register(event_type="payment_intent.", handler=services.payment_intent_event_apply)
        webhook_handler_register(event_type="charge.refunded", handler=services.charge_refunded_event_apply)
        webhook_handler_register(event_type="checkout.session.", handler=services.checkout_session_event_apply)
