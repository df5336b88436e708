"""The payment app's configuration: Oscar's, pointed at the fork in storefront/payment/."""
import oscar.apps.payment.apps as apps


class PaymentConfig(apps.PaymentConfig):
    name = 'storefront.payment'

    def ready(self):
        super().ready()
        from storefront.payment import (
            checks,  # noqa: F401  (registers the Stripe settings check)
            services,
        )
        from storefront.payment.models import ORDER_PURPOSE
        from storefront.payment.purposes import payment_purpose_register
        from storefront.payment.webhooks import webhook_handler_register

        webhook_handler_register(event_type="payment_intent.", handler=services.payment_intent_event_apply)
        webhook_handler_register(event_type="charge.refunded", handler=services.charge_refunded_event_apply)
        webhook_handler_register(event_type="checkout.session.", handler=services.checkout_session_event_apply)
        webhook_handler_register(event_type="checkout.session.completed", handler=services.card_setup_event_apply)
        # Order payments always carry their own return URL (the buyer's order page).
        payment_purpose_register(purpose=ORDER_PURPOSE, on_completed=services.order_payment_completed,
                                 on_failed=services.order_payment_failed)
