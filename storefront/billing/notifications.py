"""Billing's emails, through the durable outbox: a plan renewal that needs the artist.

Queued inside the transaction that records why (a failed or waiting renewal payment, or
no card to charge), with a dedup key, so a webhook delivered twice never mails twice.
"""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from artiqo.outbox.services import message_render_enqueue
from storefront.payment.models import PaymentStatus

AUTHENTICATION_REQUIRED = "authentication_required"


def _renewal_reason(payment) -> str:
    if payment is None:
        return "no_card"
    if payment.status == PaymentStatus.REQUIRES_ACTION or payment.failure_code == AUTHENTICATION_REQUIRED:
        return "authenticate"
    return "declined"


def renewal_action_notice_send(*, subscription, charge=None) -> None:
    """Mail the artist the page where they complete their plan's renewal before the grace period ends.

    Why they are needed: their bank asks them to confirm the payment, the card was
    declined, or no card is saved (`charge` is None). One mail per renewal payment (one
    per period without a card).
    """
    from storefront.billing.selectors import marketplace_settings

    artist = subscription.artist
    if not artist.user.email:
        return
    payment = charge.payment if charge is not None else None
    period_start = charge.period_start if charge is not None else subscription.current_period_end
    deadline = subscription.grace_until or period_start + timedelta(days=marketplace_settings().grace_period_days)
    message_render_enqueue(
        to=artist.user.email, template="plan_renewal_action",
        context={
            "artist": artist, "plan": subscription.plan, "payment": payment, "reason": _renewal_reason(payment),
            "amount": payment.amount if payment is not None else subscription.plan.monthly_price,
            "currency": payment.currency if payment is not None else subscription.plan.currency,
            "deadline": deadline,
            "renewal_url": settings.SITE_URL.rstrip("/") + reverse("billing:renewal"),
        },
        dedup_key=(f"plan-renewal-payment-{payment.pk}" if payment is not None
                   else f"plan-renewal-{subscription.pk}-{period_start:%Y%m%dT%H%M%S}-no-card"),
    )
