"""Payment emails to the buyer, through the durable outbox: a payment failed, a payment was refunded.

Queued inside the transaction that records the change, with a dedup key (see
storefront.order.notifications, whose links they share).
"""
from __future__ import annotations

from django.urls import reverse

from artiqo.outbox.services import message_render_enqueue
from storefront.order.notifications import order_page_url, site_url
from storefront.payment.models import Payment


def _buyer_notice(*, payment_id: int, template: str, event: str) -> None:
    payment = Payment.objects.select_related("order", "order__user").get(pk=payment_id)
    order = payment.order
    if order.user and order.user.email:
        message_render_enqueue(
            to=order.user.email, template=template,
            context={"order": order, "payment": payment, "order_url": order_page_url(order),
                     "pay_url": site_url(reverse("checkout:order-pay", args=[order.number]))},
            dedup_key=f"payment-{payment.pk}-{event}",
        )


def payment_failure_notice_send(*, payment_id: int) -> None:
    _buyer_notice(payment_id=payment_id, template="order_payment_failed", event="failed")


def payment_refund_notice_send(*, payment_id: int) -> None:
    _buyer_notice(payment_id=payment_id, template="order_refunded", event="refunded")
