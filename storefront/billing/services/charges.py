"""Charging artists through the payments layer's gateways: plan periods and featured listings.

Like order payments, each charge is a row written before the gateway is called, with
a deterministic idempotency key sent on every call: a retry, a double submit or a
crash after the gateway answered is replayed by the gateway, never charged twice.
Status only moves forward, and completing a charge books it in the ledger and hands
it to its purpose (the subscription or the featured listing) in the same transaction.
"""
from __future__ import annotations

import logging
from datetime import timedelta
from types import ModuleType

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from storefront.billing.models import CHARGE_UNFINISHED, BillingCharge, ChargeKind, ChargeStatus
from storefront.payment import sandbox
from storefront.payment.gateway import (
    GatewayRejected,
    GatewayUnavailable,
    IntentResult,
    amount_to_minor,
    gateway_get,
)
from storefront.payment.models import PaymentStatus

logger = logging.getLogger(__name__)

STATUS_RANK = {ChargeStatus.PENDING: 0, ChargeStatus.REQUIRES_ACTION: 1, ChargeStatus.FAILED: 2,
               ChargeStatus.COMPLETED: 3}
# The payment layer's word on an intent, in a charge's terms (a charge is never refunded here).
FROM_PAYMENT_STATUS = {
    PaymentStatus.PENDING: ChargeStatus.PENDING,
    PaymentStatus.REQUIRES_ACTION: ChargeStatus.REQUIRES_ACTION,
    PaymentStatus.FAILED: ChargeStatus.FAILED,
    PaymentStatus.COMPLETED: ChargeStatus.COMPLETED,
}


class ChargeInProgress(Exception):
    """Another payment of the same kind is still running for this artist (answer 409)."""

    def __init__(self, message: str = "A payment is already in progress; finish or wait for it first."):
        super().__init__(message)


def _gateway_for(charge: BillingCharge) -> ModuleType:
    # A charge is always finished on the gateway it started on, whatever the settings say now.
    if charge.gateway == sandbox.NAME:
        return sandbox
    from storefront.payment import stripe_api

    return stripe_api


def _handlers(kind: str):
    if kind == ChargeKind.SUBSCRIPTION:
        from storefront.billing.services import subscriptions

        return subscriptions.subscription_charge_completed, subscriptions.subscription_charge_failed
    from storefront.billing.services import features

    return features.feature_charge_completed, features.feature_charge_failed


def charge_in_progress(*, artist, kind: str) -> bool:
    return BillingCharge.objects.filter(artist=artist, kind=kind, status__in=CHARGE_UNFINISHED).exists()


def charge_for_request(*, artist, request_key: str | None) -> BillingCharge | None:
    """The charge a form token already started (a double submit replays it)."""
    if not request_key:
        return None
    return BillingCharge.objects.filter(artist=artist, request_key=request_key).first()


def charge_start(
    *,
    artist,
    kind: str,
    purpose: str,
    amount,
    payment_method: str,
    description: str,
    idempotency_key: str,
    request_key: str | None = None,
    plan=None,
    period_start=None,
    period_end=None,
    feature=None,
) -> BillingCharge:
    """The pending charge row (call inside the caller's transaction, then `charge_submit` after it)."""
    return BillingCharge.objects.create(
        artist=artist, kind=kind, purpose=purpose, amount=amount, currency=settings.OSCAR_DEFAULT_CURRENCY,
        gateway=gateway_get().NAME, payment_method=payment_method, idempotency_key=idempotency_key,
        request_key=request_key or None, description=description[:200], plan=plan, period_start=period_start,
        period_end=period_end, feature=feature,
    )


def charge_return_url(charge: BillingCharge) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("billing:charge-return", args=[charge.pk])


def charge_submit(*, charge: BillingCharge) -> BillingCharge:
    """Ask the gateway to create and confirm the charge's PaymentIntent (the same key every time).

    Raises GatewayUnavailable when the provider cannot be reached: the charge stays
    pending and submitting it again resumes it.
    """
    try:
        result = _gateway_for(charge).payment_intent_create(
            amount_minor=amount_to_minor(charge.amount, charge.currency),
            currency=charge.currency,
            payment_method=charge.payment_method,
            return_url=charge_return_url(charge),
            idempotency_key=charge.idempotency_key,
            metadata={"billing_charge_id": str(charge.pk), "artist_id": str(charge.artist_id), "kind": charge.kind},
            description=f"Artiqo: {charge.description}",
        )
    except GatewayUnavailable:
        logger.warning("Charge %s: payment provider unreachable; it stays pending", charge.pk)
        raise
    except GatewayRejected as error:
        charge_status_set(charge=charge, status=ChargeStatus.FAILED, failure_code=error.code or "rejected",
                          failure_message=str(error)[:500])
        return _reloaded(charge)
    charge_result_apply(charge=charge, result=result)
    return _reloaded(charge)


def _reloaded(charge: BillingCharge) -> BillingCharge:
    return BillingCharge.objects.select_related("plan", "feature", "feature__artwork").get(pk=charge.pk)


def charge_refresh(*, charge: BillingCharge) -> BillingCharge:
    """Bring an unfinished charge up to date: resend its creation, or ask the gateway's word."""
    if charge.is_finished:
        return charge
    if not charge.intent_id:
        return charge_submit(charge=charge)
    result = _gateway_for(charge).payment_intent_retrieve(intent_id=charge.intent_id,
                                                          idempotency_key=f"{charge.idempotency_key}-retrieve")
    charge_result_apply(charge=charge, result=result)
    return _reloaded(charge)


def charge_result_apply(*, charge: BillingCharge, result: IntentResult) -> bool:
    """Move the charge to the status the gateway reports, if forward and for the right amount."""
    if result.status == PaymentStatus.COMPLETED and \
            (result.amount_minor, result.currency) != (amount_to_minor(charge.amount, charge.currency),
                                                        charge.currency.upper()):
        logger.error("Charge %s: gateway amount %s %s differs; ignored", charge.pk, result.amount_minor,
                     result.currency)
        return False
    status = FROM_PAYMENT_STATUS.get(result.status, ChargeStatus.PENDING)
    failed = status == ChargeStatus.FAILED
    return charge_status_set(
        charge=charge, status=status, intent_id=result.intent_id,
        next_action_url=result.next_action_url if status == ChargeStatus.REQUIRES_ACTION else "",
        failure_code=result.error_code if failed else "",
        failure_message=(result.error_message or "The card was declined.")[:500] if failed else "",
    )


def charge_status_set(*, charge: BillingCharge, status: str, intent_id: str = "", **fields) -> bool:
    """The one place a charge's status changes: forward only, exactly once, with its consequences."""
    with transaction.atomic():
        current = BillingCharge.objects.select_for_update().get(pk=charge.pk)
        if intent_id and not current.intent_id:
            current.intent_id = intent_id
            BillingCharge.objects.filter(pk=current.pk).update(intent_id=intent_id)
        if STATUS_RANK[status] <= STATUS_RANK[current.status]:
            return False
        current.status = status
        for name, value in fields.items():
            setattr(current, name, value)
        if status == ChargeStatus.COMPLETED:
            current.date_completed = timezone.now()
        current.save(update_fields=["status", "date_completed", *fields])
        completed, failed = _handlers(current.kind)
        if status == ChargeStatus.COMPLETED:
            from storefront.billing.services.ledger import ledger_record_charge

            ledger_record_charge(charge=current)
            completed(charge=current)
        elif status == ChargeStatus.FAILED:
            failed(charge=current)
    charge.status = status
    return True


def charges_resume_unfinished(*, older_than_minutes: int = 5) -> int:
    """Finish charges a crash, an outage or an abandoned authentication left behind; returns how many."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    finished = 0
    for charge in BillingCharge.objects.filter(status__in=CHARGE_UNFINISHED, date_created__lte=cutoff):
        try:
            finished += charge_refresh(charge=charge).is_finished
        except (GatewayUnavailable, GatewayRejected) as error:
            logger.warning("Charge %s still unfinished: %s", charge.pk, error)
    return finished
