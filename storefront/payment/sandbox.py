"""The built-in test gateway: Stripe's PaymentIntent behaviour with its test cards, offline.

Used when ARTIQO_PAYMENTS=test. It answers in Stripe's JSON shape, honours idempotency keys
like Stripe (a replay gets the stored answer, a different body with the same key is refused)
and never moves money. Once payments go to Stripe it declines whatever is still unfinished
on it, so a test payment can never turn an order into a sale in a live shop.
"""
from __future__ import annotations

import hashlib
import json
from typing import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from storefront.payment.cards import card_for_token
from storefront.payment.gateway import (
    GatewayRejected,
    IntentResult,
    RefundResult,
    intent_from_dict,
    is_test_mode,
    refund_from_dict,
)
from storefront.payment.models import SandboxIntent, SandboxRequest

NAME = "test"
AUTHENTICATION_FAILED = "payment_intent_authentication_failure"
CANCELABLE = ("requires_action", "requires_payment_method", "requires_confirmation")


def _fingerprint(params: dict) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()


def _object_id(prefix: str, idempotency_key: str) -> str:
    return f"{prefix}_test_{hashlib.sha256(idempotency_key.encode()).hexdigest()[:24]}"


def _idempotent(idempotency_key: str, params: dict, produce: Callable[[], dict]) -> dict:
    """Stripe's rule: same key and body → the first answer again; same key, other body → error."""
    fingerprint = _fingerprint(params)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = SandboxRequest.objects.create(idempotency_key=idempotency_key, fingerprint=fingerprint,
                                                       response={})
        except IntegrityError:
            record = SandboxRequest.objects.get(idempotency_key=idempotency_key)
            if record.fingerprint != fingerprint:
                raise GatewayRejected(
                    "Keys for idempotent requests can only be used with the same parameters they were "
                    "first used with.", code="idempotency_error",
                ) from None
            return record.response
        record.response = produce()
        record.save(update_fields=["response"])
    return record.response


def _intent_dict(intent: SandboxIntent) -> dict:
    card = card_for_token(intent.payment_method)
    data = {
        "id": intent.intent_id,
        "object": "payment_intent",
        "amount": intent.amount_minor,
        "amount_received": intent.amount_minor if intent.status == "succeeded" else 0,
        "currency": intent.currency.lower(),
        "status": intent.status,
        "metadata": intent.metadata,
        "payment_method": {"id": intent.payment_method, "card": {"brand": card.brand, "last4": card.number[-4:]}},
        "last_payment_error": None,
        "next_action": None,
    }
    if intent.error_code:
        data["last_payment_error"] = {"code": intent.error_code, "decline_code": intent.error_code,
                                      "message": intent.error_message}
    if intent.status == "requires_action":
        url = settings.SITE_URL.rstrip("/") + reverse("checkout:sandbox-authenticate", args=[intent.intent_id])
        data["next_action"] = {"type": "redirect_to_url", "redirect_to_url": {"url": url}}
    return data


def payment_intent_create(
    *,
    amount_minor: int,
    currency: str,
    payment_method: str,
    return_url: str,
    idempotency_key: str,
    metadata: dict[str, str],
    description: str = "",
) -> IntentResult:
    if not is_test_mode():
        raise GatewayRejected("The test gateway is switched off: payments go to Stripe.", code="test_mode_off")
    params = {"amount": amount_minor, "currency": currency.lower(), "payment_method": payment_method,
              "return_url": return_url, "metadata": metadata, "description": description}

    def produce() -> dict:
        card = card_for_token(payment_method)
        if card is None:
            raise GatewayRejected(f"No such PaymentMethod: '{payment_method}'", code="resource_missing")
        intent = SandboxIntent(
            intent_id=_object_id("pi", idempotency_key), amount_minor=amount_minor, currency=currency.upper(),
            payment_method=payment_method, metadata={**metadata, "return_url": return_url},
        )
        if card.outcome == "succeeded":
            intent.status = "succeeded"
        elif card.outcome == "requires_action":
            intent.status = "requires_action"
        else:
            intent.status = "requires_payment_method"
            intent.error_code, intent.error_message = card.decline_code, card.message
        intent.save()
        return _intent_dict(intent)

    return intent_from_dict(_idempotent(idempotency_key, params, produce))


def _intent_get(intent_id: str) -> SandboxIntent:
    intent = SandboxIntent.objects.filter(intent_id=intent_id).first()
    if intent is None:
        raise GatewayRejected(f"No such payment_intent: '{intent_id}'", code="resource_missing")
    return intent


def payment_intent_retrieve(*, intent_id: str, idempotency_key: str) -> IntentResult:
    return intent_from_dict(_intent_dict(_intent_get(intent_id)))


def payment_intent_cancel(*, intent_id: str, idempotency_key: str) -> IntentResult:
    intent = _intent_get(intent_id)
    if not SandboxIntent.objects.filter(pk=intent.pk, status__in=CANCELABLE).update(status="canceled") \
            and intent.status != "canceled":
        raise GatewayRejected(f"You cannot cancel this PaymentIntent because it has a status of {intent.status}.",
                              code="payment_intent_unexpected_state")
    return payment_intent_retrieve(intent_id=intent_id, idempotency_key=idempotency_key)


def refund_create(*, intent_id: str, amount_minor: int, idempotency_key: str, metadata: dict[str, str]) -> RefundResult:
    params = {"payment_intent": intent_id, "amount": amount_minor, "metadata": metadata}

    def produce() -> dict:
        intent = _intent_get(intent_id)
        refundable = intent.amount_minor - intent.amount_refunded_minor
        if intent.status != "succeeded" or amount_minor > refundable:
            raise GatewayRejected("This payment cannot be refunded by that amount.", code="charge_already_refunded")
        # Conditional, so two different refund keys can never refund more than was paid.
        SandboxIntent.objects.filter(pk=intent.pk, amount_refunded_minor=intent.amount_refunded_minor).update(
            amount_refunded_minor=intent.amount_refunded_minor + amount_minor
        )
        return {"id": _object_id("re", idempotency_key), "object": "refund", "status": "succeeded",
                "amount": amount_minor, "payment_intent": intent_id}

    return refund_from_dict(_idempotent(idempotency_key, params, produce))


def intent_authenticate(*, intent_id: str, approve: bool) -> str:
    """The buyer's answer on the simulated 3-D Secure page; returns where to send them back.

    Outside test mode every answer is a failed authentication (see the module's docstring).
    """
    intent = _intent_get(intent_id)
    if approve and is_test_mode():
        SandboxIntent.objects.filter(pk=intent.pk, status="requires_action").update(status="succeeded")
    else:
        SandboxIntent.objects.filter(pk=intent.pk, status="requires_action").update(
            status="requires_payment_method", error_code=AUTHENTICATION_FAILED,
            error_message="We are unable to authenticate your payment method.",
        )
    return intent.metadata.get("return_url", "/")
