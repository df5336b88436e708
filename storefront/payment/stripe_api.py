"""Stripe, through the official library: the only module that imports `stripe`.

Thin typed functions that return the gateway dataclasses. Every call carries the
caller's deterministic idempotency key (stripe-python would otherwise invent a random
one per POST, defeating retries); a retry of the same call is therefore answered by
Stripe from its idempotency store instead of charging again.
"""
from __future__ import annotations

import functools
import logging

import stripe
from django.conf import settings

from storefront.payment.gateway import (
    AccountLinkResult,
    AccountResult,
    CardResult,
    CustomerResult,
    GatewayRejected,
    GatewayUnavailable,
    IntentResult,
    RefundResult,
    SessionResult,
    TransferResult,
    TransferReversalResult,
    WebhookEvent,
    WebhookSignatureInvalid,
    account_from_dict,
    account_link_from_dict,
    card_from_dict,
    customer_from_dict,
    intent_from_dict,
    refund_from_dict,
    session_from_dict,
    transfer_from_dict,
    transfer_reversal_from_dict,
)

NAME = "stripe"
logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=8)
def _client_for(api_key: str, api_base: str, timeout: float, retries: int) -> stripe.StripeClient:
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": api_base} if api_base else None,
        max_network_retries=retries,
        http_client=stripe.RequestsClient(timeout=timeout),
    )


def _client() -> stripe.StripeClient:
    # Keyed on the settings so tests pointing STRIPE_API_BASE at a local fake get their own client.
    return _client_for(
        settings.STRIPE_SECRET_KEY,
        settings.STRIPE_API_BASE or "",
        float(settings.STRIPE_TIMEOUT_SECONDS),
        int(settings.STRIPE_MAX_NETWORK_RETRIES),
    )


def _call(operation, *, idempotency_key: str):
    """Run one Stripe request, translating the library's errors into the gateway's."""
    try:
        return operation({"idempotency_key": idempotency_key})
    except stripe.IdempotencyError as error:
        raise GatewayRejected(error.user_message or str(error), code="idempotency_error") from error
    except (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError) as error:
        logger.warning("Stripe unavailable (key %s): %s", idempotency_key, error)
        raise GatewayUnavailable(str(error)) from error
    except (stripe.AuthenticationError, stripe.PermissionError) as error:
        logger.error("Stripe refused our credentials: %s", error)
        raise GatewayUnavailable("The payment provider is misconfigured.") from error
    except stripe.InvalidRequestError as error:
        raise GatewayRejected(error.user_message or str(error), code=error.code or "invalid_request") from error


def payment_intent_create(
    *,
    amount_minor: int,
    currency: str,
    payment_method: str,
    return_url: str,
    idempotency_key: str,
    metadata: dict[str, str],
    description: str = "",
    transfer_group: str = "",
) -> IntentResult:
    """Create and confirm a card PaymentIntent; a decline comes back as a failed result."""
    params = {
        **({"transfer_group": transfer_group} if transfer_group else {}),
        "amount": amount_minor,
        "currency": currency.lower(),
        "payment_method": payment_method,
        "payment_method_types": ["card"],
        "confirm": True,
        "return_url": return_url,
        "metadata": metadata,
        "description": description,
        "expand": ["payment_method"],
    }
    return _intent_create_confirmed(params, idempotency_key=idempotency_key)


def _intent_create_confirmed(params: dict, *, idempotency_key: str) -> IntentResult:
    try:
        intent = _call(lambda options: _client().v1.payment_intents.create(params, options),
                       idempotency_key=idempotency_key)
    except stripe.CardError as error:
        # Stripe answers a declined confirmation with 402 and the (failed) intent inside.
        body = (error.json_body or {}).get("error", {})
        if not body.get("payment_intent"):
            raise GatewayRejected(error.user_message or str(error), code=error.code or "card_error") from error
        return intent_from_dict(body["payment_intent"])
    return intent_from_dict(intent.to_dict())


def payment_intent_retrieve(*, intent_id: str, idempotency_key: str) -> IntentResult:
    """Stripe's current word on a PaymentIntent."""
    params = {"expand": ["payment_method"]}
    intent = _call(lambda options: _client().v1.payment_intents.retrieve(intent_id, params, options),
                   idempotency_key=idempotency_key)
    return intent_from_dict(intent.to_dict())


def payment_intent_cancel(*, intent_id: str, idempotency_key: str) -> IntentResult:
    """Cancel an intent the buyer abandoned (e.g. 3-D Secure never finished); refused once it succeeded."""
    params = {"cancellation_reason": "abandoned", "expand": ["payment_method"]}
    intent = _call(lambda options: _client().v1.payment_intents.cancel(intent_id, params, options),
                   idempotency_key=idempotency_key)
    return intent_from_dict(intent.to_dict())


def refund_create(*, intent_id: str, amount_minor: int, idempotency_key: str, metadata: dict[str, str]) -> RefundResult:
    params = {"payment_intent": intent_id, "amount": amount_minor, "metadata": metadata}
    refund = _call(lambda options: _client().v1.refunds.create(params, options), idempotency_key=idempotency_key)
    return refund_from_dict(refund.to_dict())


def webhook_event_parse(*, payload: bytes, signature: str, secret: str, tolerance: int) -> WebhookEvent:
    """Verify Stripe's signature on the raw body (and its age), then read the event."""
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret, tolerance,
                                               api_key=settings.STRIPE_SECRET_KEY or None)
    except stripe.SignatureVerificationError as error:
        raise WebhookSignatureInvalid(str(error)) from error
    except (ValueError, KeyError, TypeError) as error:
        raise WebhookSignatureInvalid(f"Unreadable event: {error}") from error
    data = event.to_dict()
    return WebhookEvent(
        event_id=str(data["id"]),
        type=str(data.get("type", "")),
        livemode=bool(data.get("livemode")),
        data_object=(data.get("data") or {}).get("object") or {},
        payload=data,
    )


# -- Checkout Sessions: Stripe's hosted payment and card-saving pages --------------------
SESSION_EXPAND = ["payment_intent", "payment_intent.payment_method", "setup_intent"]


def checkout_session_create(
    *,
    mode: str,
    success_url: str,
    cancel_url: str,
    idempotency_key: str,
    metadata: dict[str, str],
    amount_minor: int = 0,
    currency: str = "",
    description: str = "",
    client_reference_id: str = "",
    customer_id: str = "",
    customer_email: str = "",
    transfer_group: str = "",
) -> SessionResult:
    """A hosted page: `payment` takes `amount_minor` once; `setup` saves a card on `customer_id`.

    The card is typed on Stripe's page, never on Artiqo's. In payment mode the session's
    PaymentIntent carries the same metadata (so its webhooks find the attempt) and the
    order's transfer group (so the artists' transfers are tied to this charge).
    """
    params: dict = {
        "mode": mode, "success_url": success_url, "cancel_url": cancel_url, "metadata": metadata,
        "payment_method_types": ["card"],
    }
    if client_reference_id:
        params["client_reference_id"] = client_reference_id
    if customer_id:
        params["customer"] = customer_id
    elif customer_email and mode == "payment":
        params["customer_email"] = customer_email
    if mode == "payment":
        params["line_items"] = [{
            "quantity": 1,
            "price_data": {"currency": currency.lower(), "unit_amount": amount_minor,
                           "product_data": {"name": description or "Artiqo"}},
        }]
        params["payment_intent_data"] = {
            "metadata": metadata, "description": description,
            **({"transfer_group": transfer_group} if transfer_group else {}),
        }
    else:
        params["currency"] = currency.lower()
        params["setup_intent_data"] = {"metadata": metadata}
    session = _call(lambda options: _client().v1.checkout.sessions.create(params, options),
                    idempotency_key=idempotency_key)
    return session_from_dict(session.to_dict())


def checkout_session_retrieve(*, session_id: str, idempotency_key: str) -> SessionResult:
    """Stripe's current word on a session, with its PaymentIntent and card."""
    params = {"expand": SESSION_EXPAND}
    session = _call(lambda options: _client().v1.checkout.sessions.retrieve(session_id, params, options),
                    idempotency_key=idempotency_key)
    return session_from_dict(session.to_dict())


def checkout_session_expire(*, session_id: str, idempotency_key: str) -> SessionResult:
    """Close an open session so it can no longer take money; refused once it completed."""
    session = _call(lambda options: _client().v1.checkout.sessions.expire(session_id, {}, options),
                    idempotency_key=idempotency_key)
    return session_from_dict(session.to_dict())


# -- Customers, saved cards and off-session payments ---------------------------------------
def customer_create(*, email: str, name: str, idempotency_key: str, metadata: dict[str, str]) -> CustomerResult:
    """The payer's Stripe Customer: cards saved on a setup-mode Checkout Session are attached to it."""
    params = {"email": email, "name": name, "metadata": metadata}
    customer = _call(lambda options: _client().v1.customers.create(params, options), idempotency_key=idempotency_key)
    return customer_from_dict(customer.to_dict())


def payment_method_retrieve(*, payment_method_id: str, idempotency_key: str) -> CardResult:
    """A saved card's brand and last four digits, and whose it is."""
    method = _call(lambda options: _client().v1.payment_methods.retrieve(payment_method_id, {}, options),
                   idempotency_key=idempotency_key)
    return card_from_dict(method.to_dict())


def payment_intent_create_saved(
    *,
    amount_minor: int,
    currency: str,
    customer_id: str,
    payment_method: str,
    off_session: bool,
    return_url: str,
    idempotency_key: str,
    metadata: dict[str, str],
    description: str = "",
) -> IntentResult:
    """Charge a customer's saved card: on-session (the payer is here to authenticate, back to `return_url`)
    or off-session (a renewal while they are away: a bank that wants authentication declines it with
    `authentication_required`, and the payer is asked back)."""
    params = {
        "amount": amount_minor,
        "currency": currency.lower(),
        "customer": customer_id,
        "payment_method": payment_method,
        "payment_method_types": ["card"],
        "confirm": True,
        "metadata": metadata,
        "description": description,
        "expand": ["payment_method"],
        **({"off_session": True} if off_session else {"return_url": return_url}),
    }
    return _intent_create_confirmed(params, idempotency_key=idempotency_key)


# -- Connect: artists' accounts, onboarding links, transfers and their reversals -----------

def account_create(*, email: str, business_name: str, business_url: str, metadata: dict[str, str],
                   idempotency_key: str) -> AccountResult:
    """An Express account that can receive transfers (separate charges and transfers need no card_payments)."""
    params = {
        "type": "express",
        "email": email,
        "capabilities": {"transfers": {"requested": True}},
        "business_profile": {"name": business_name, "url": business_url},
        "metadata": metadata,
    }
    account = _call(lambda options: _client().v1.accounts.create(params, options), idempotency_key=idempotency_key)
    return account_from_dict(account.to_dict())


def account_retrieve(*, account_id: str, idempotency_key: str) -> AccountResult:
    account = _call(lambda options: _client().v1.accounts.retrieve(account_id, {}, options),
                    idempotency_key=idempotency_key)
    return account_from_dict(account.to_dict())


def account_link_create(*, account_id: str, refresh_url: str, return_url: str,
                        idempotency_key: str) -> AccountLinkResult:
    """A fresh link to Stripe's hosted onboarding (links are single-use and expire within minutes)."""
    params = {"account": account_id, "refresh_url": refresh_url, "return_url": return_url,
              "type": "account_onboarding"}
    link = _call(lambda options: _client().v1.account_links.create(params, options), idempotency_key=idempotency_key)
    return account_link_from_dict(link.to_dict())


def transfer_create(*, amount_minor: int, currency: str, destination: str, transfer_group: str,
                    metadata: dict[str, str], description: str, idempotency_key: str) -> TransferResult:
    """Move an artist's share from the platform's balance to their account (tied to the order's group)."""
    params = {"amount": amount_minor, "currency": currency.lower(), "destination": destination,
              "transfer_group": transfer_group, "metadata": metadata, "description": description}
    transfer = _call(lambda options: _client().v1.transfers.create(params, options), idempotency_key=idempotency_key)
    return transfer_from_dict(transfer.to_dict())


def transfer_reversal_create(*, transfer_id: str, amount_minor: int, metadata: dict[str, str],
                             idempotency_key: str) -> TransferReversalResult:
    """Take back part (or all) of a transfer from the connected account's balance."""
    params = {"amount": amount_minor, "metadata": metadata}
    reversal = _call(lambda options: _client().v1.transfers.reversals.create(transfer_id, params, options),
                     idempotency_key=idempotency_key)
    return transfer_reversal_from_dict(reversal.to_dict())
