"""Where payouts plug in: the studio's fulfilment signal, refunds, Stripe's webhooks, reconciliation."""
from __future__ import annotations

from storefront.order.signals import order_lines_fulfilled, payment_refunded
from storefront.payment.reconciliation import reconciliation_check_register, reconciliation_step_register
from storefront.payment.webhooks import webhook_handler_register


def on_lines_fulfilled(sender, order, artist, lines=(), **kwargs) -> None:
    from storefront.payouts.services import transfer_open

    transfer_open(order=order, artist=artist)


def on_payment_refunded(sender, payment, amount=None, **kwargs) -> None:
    from storefront.payouts.services import payment_refund_transfers_apply

    payment_refund_transfers_apply(payment=payment)


def connect() -> None:
    from storefront.payouts import selectors, services

    order_lines_fulfilled.connect(on_lines_fulfilled, dispatch_uid="payouts-lines-fulfilled")
    payment_refunded.connect(on_payment_refunded, dispatch_uid="payouts-payment-refunded")
    webhook_handler_register(event_type="account.updated", handler=services.account_updated_event_apply)
    webhook_handler_register(event_type="transfer.", handler=services.transfer_event_apply)
    reconciliation_step_register(name="payouts", step=services.payouts_reconcile)
    reconciliation_check_register(name="transfers", check=selectors.transfer_disagreement_list)
