"""The built-in test gateway: Stripe's PaymentIntent behaviour with its test cards, offline.

Used when ARTIQO_PAYMENTS=test. It answers in Stripe's JSON shape, honours idempotency keys
like Stripe (a replay gets the stored answer, a different body with the same key is refused)
and never moves money. Once payments go to Stripe it declines whatever is still unfinished
on it, so a test payment can never turn an order into a sale in a live shop.
"""
from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from storefront.payment.cards import card_for_token, card_number_to_token
from storefront.payment.gateway import (
    AccountLinkResult,
    AccountResult,
    CardResult,
    CustomerResult,
    GatewayRejected,
    IntentResult,
    RefundResult,
    SessionResult,
    TransferResult,
    TransferReversalResult,
    WebhookEvent,
    account_from_dict,
    account_link_from_dict,
    card_from_dict,
    customer_from_dict,
    intent_from_dict,
    is_test_mode,
    refund_from_dict,
    session_from_dict,
    transfer_from_dict,
    transfer_reversal_from_dict,
)
from storefront.payment.models import SandboxAccount, SandboxIntent, SandboxRequest, SandboxSession, SandboxTransfer
from storefront.payment.webhooks import webhook_event_receive

NAME = "test"
AUTHENTICATION_FAILED = "payment_intent_authentication_failure"
AUTHENTICATION_REQUIRED = "authentication_required"
AUTHENTICATION_REQUIRED_MESSAGE = ("Your card was declined. This transaction requires authentication: the "
                                   "cardholder must confirm it.")
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
        url = _origin_of(intent.metadata.get("return_url", "")) + \
            reverse("checkout:sandbox-authenticate", args=[intent.intent_id])
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
    transfer_group: str = "",
) -> IntentResult:
    if not is_test_mode():
        raise GatewayRejected("The test gateway is switched off: payments go to Stripe.", code="test_mode_off")
    params = {"transfer_group": transfer_group, "amount": amount_minor, "currency": currency.lower(),
              "payment_method": payment_method,
              "return_url": return_url, "metadata": metadata, "description": description}

    def produce() -> dict:
        return _intent_new(idempotency_key=idempotency_key, amount_minor=amount_minor, currency=currency,
                           payment_method=payment_method, metadata={**metadata, "return_url": return_url})

    return intent_from_dict(_idempotent(idempotency_key, params, produce))


def _intent_new(*, idempotency_key: str, amount_minor: int, currency: str, payment_method: str, metadata: dict,
                off_session: bool = False) -> dict:
    """A confirmed intent with the test card's outcome; off-session, a card that wants 3-D Secure is declined."""
    card = card_for_token(payment_method)
    if card is None:
        raise GatewayRejected(f"No such PaymentMethod: '{payment_method}'", code="resource_missing")
    intent = SandboxIntent(
        intent_id=_object_id("pi", idempotency_key), amount_minor=amount_minor, currency=currency.upper(),
        payment_method=payment_method, metadata=metadata,
    )
    if card.outcome == "succeeded":
        intent.status = "succeeded"
    elif card.outcome == "requires_action" and not off_session:
        intent.status = "requires_action"
    elif card.outcome == "requires_action":
        # Stripe's answer when the bank wants the cardholder, who is not there to authenticate.
        intent.status = "requires_payment_method"
        intent.error_code, intent.error_message = AUTHENTICATION_REQUIRED, AUTHENTICATION_REQUIRED_MESSAGE
    else:
        intent.status = "requires_payment_method"
        intent.error_code, intent.error_message = card.decline_code, card.message
    intent.save()
    return _intent_dict(intent)


def _object_get(model, kind: str, **lookup):
    """The test gateway's object, or Stripe's answer for an unknown id ("No such <kind>")."""
    found = model.objects.filter(**lookup).first()
    if found is None:
        raise GatewayRejected(f"No such {kind}: '{next(iter(lookup.values()))}'", code="resource_missing")
    return found


def _intent_get(intent_id: str) -> SandboxIntent:
    return _object_get(SandboxIntent, "payment_intent", intent_id=intent_id)


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


# -- Checkout Sessions: Stripe's hosted payment and card-saving pages --------------------
def _origin_of(url: str) -> str:
    # The test gateway's pages are served by the shop itself: on the address the buyer uses.
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else settings.SITE_URL.rstrip("/")


def _session_dict(session: SandboxSession) -> dict:
    intent = SandboxIntent.objects.filter(intent_id=session.intent_id).first() if session.intent_id else None
    setup_intent = None
    if session.mode == "setup" and session.payment_method:
        setup_intent = {"id": f"seti_{session.session_id[3:]}", "object": "setup_intent", "status": "succeeded",
                        "payment_method": session.payment_method, "customer": session.customer_id or None}
    return {
        "id": session.session_id, "object": "checkout.session", "mode": session.mode,
        "url": session_page_url(session=session) if session.status == "open" else None,
        "status": session.status, "payment_status": session.payment_status, "amount_total": session.amount_minor,
        "currency": session.currency.lower(), "client_reference_id": session.client_reference_id or None,
        "customer": session.customer_id or None, "metadata": session.metadata,
        "payment_intent": _intent_dict(intent) if intent is not None else None, "setup_intent": setup_intent,
        "success_url": session.success_url, "cancel_url": session.cancel_url,
    }


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
    params = {"mode": mode, "success_url": success_url, "cancel_url": cancel_url, "metadata": metadata,
              "amount": amount_minor, "currency": currency.lower(), "description": description,
              "client_reference_id": client_reference_id, "customer": customer_id, "email": customer_email,
              "transfer_group": transfer_group}

    def produce() -> dict:
        # Random, like Stripe's: the id is the capability to open the hosted page.
        session = SandboxSession.objects.create(
            session_id=f"cs_test_{secrets.token_hex(16)}", mode=mode, amount_minor=amount_minor,
            currency=currency.upper(), description=description[:255], client_reference_id=client_reference_id,
            success_url=success_url, cancel_url=cancel_url, customer_id=customer_id, metadata=metadata,
            payment_status="unpaid" if mode == "payment" else "no_payment_required",
        )
        return _session_dict(session)

    return session_from_dict(_idempotent(idempotency_key, params, produce))


def _session_get(session_id: str) -> SandboxSession:
    return _object_get(SandboxSession, "checkout.session", session_id=session_id)


def checkout_session_retrieve(*, session_id: str, idempotency_key: str) -> SessionResult:
    return session_from_dict(_session_dict(_session_get(session_id)))


def checkout_session_expire(*, session_id: str, idempotency_key: str) -> SessionResult:
    session = _session_get(session_id)
    if not SandboxSession.objects.filter(pk=session.pk, status="open").update(status="expired") \
            and session.status != "expired":
        raise GatewayRejected("Only Checkout Sessions with a status of open can be expired.",
                              code="checkout_session_unexpected_state")
    return checkout_session_retrieve(session_id=session_id, idempotency_key=idempotency_key)


def session_page_url(*, session: SandboxSession) -> str:
    return _origin_of(session.success_url) + reverse("sandbox-session", args=[session.session_id])


def session_return_url(session: SandboxSession, url: str) -> str:
    return url.replace("{CHECKOUT_SESSION_ID}", session.session_id)


def _session_announce(session: SandboxSession, event_type: str) -> None:
    """Tell Artiqo as Stripe would, through the webhook path: the page's outcome counts even if the buyer leaves."""
    data = _session_dict(session)
    event_id = f"evt_test_{hashlib.sha256(f'{session.session_id}|{event_type}'.encode()).hexdigest()[:24]}"
    payload = {"id": event_id, "object": "event", "type": event_type, "livemode": False,
               "created": int(time.time()), "data": {"object": data}}
    webhook_event_receive(event=WebhookEvent(event_id=event_id, type=event_type, livemode=False,
                                             data_object=data, payload=payload))


def _session_complete(session: SandboxSession, **fields) -> None:
    with transaction.atomic():
        moved = SandboxSession.objects.filter(pk=session.pk, status="open").update(status="complete", **fields)
        if moved:
            session.refresh_from_db()
            _session_announce(session, "checkout.session.completed")


def session_card_submit(*, session_id: str, card_number: str) -> tuple[str, str]:
    """The buyer's card on the hosted test page: returns (where to go next, or "", an error to show, or "")."""
    session = _session_get(session_id)
    if session.status != "open":
        return "", "This payment page is no longer open."
    if not is_test_mode():
        return "", "The test gateway is switched off: payments go to Stripe."
    try:
        token = card_number_to_token(card_number)
    except ValueError as error:
        return "", str(error)
    card = card_for_token(token)
    if session.mode == "setup":
        if card.outcome == "declined":
            return "", card.message
        _session_complete(session, payment_method=token)
        return session_return_url(session, session.success_url), ""
    tries = SandboxIntent.objects.filter(metadata__checkout_session=session.session_id).count()
    intent = payment_intent_create(
        amount_minor=session.amount_minor, currency=session.currency, payment_method=token,
        return_url=session_page_url(session=session),
        idempotency_key=f"{session.session_id}-card-{tries + 1}",
        metadata={**session.metadata, "checkout_session": session.session_id}, description=session.description,
    )
    SandboxSession.objects.filter(pk=session.pk).update(intent_id=intent.intent_id)
    return session_intent_follow(session_id=session_id)


def session_intent_follow(*, session_id: str) -> tuple[str, str]:
    """Where the session's last card stands: paid (complete it), authenticating, or declined."""
    session = _session_get(session_id)
    if session.status == "complete":
        return session_return_url(session, session.success_url), ""
    intent = SandboxIntent.objects.filter(intent_id=session.intent_id).first() if session.intent_id else None
    if intent is None or session.status != "open":
        return "", ""
    result = intent_from_dict(_intent_dict(intent))
    if result.gateway_status == "succeeded":
        _session_complete(session, payment_status="paid")
        return session_return_url(session, session.success_url), ""
    if result.gateway_status == "requires_action":
        return result.next_action_url, ""
    return "", result.error_message or "Your card was declined."


# -- Customers, saved cards and off-session payments ---------------------------------------
def customer_create(*, email: str, name: str, idempotency_key: str, metadata: dict[str, str]) -> CustomerResult:
    params = {"email": email, "name": name, "metadata": metadata}

    def produce() -> dict:
        return {"id": _object_id("cus", idempotency_key), "object": "customer", "email": email, "name": name,
                "metadata": metadata}

    return customer_from_dict(_idempotent(idempotency_key, params, produce))


def _card_saved_for(customer_id: str, payment_method: str) -> bool:
    # A card is the customer's once it was saved on one of their card-saving pages.
    return SandboxSession.objects.filter(mode="setup", status="complete", customer_id=customer_id,
                                         payment_method=payment_method).exists()


def payment_method_retrieve(*, payment_method_id: str, idempotency_key: str) -> CardResult:
    card = card_for_token(payment_method_id)
    if card is None:
        raise GatewayRejected(f"No such PaymentMethod: '{payment_method_id}'", code="resource_missing")
    return card_from_dict({"id": payment_method_id, "object": "payment_method",
                           "card": {"brand": card.brand, "last4": card.number[-4:]}})


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
    params = {"amount": amount_minor, "currency": currency.lower(), "customer": customer_id,
              "payment_method": payment_method, "off_session": off_session, "return_url": return_url,
              "metadata": metadata, "description": description}

    def produce() -> dict:
        if not _card_saved_for(customer_id, payment_method):
            raise GatewayRejected(f"The PaymentMethod {payment_method} does not belong to the Customer "
                                  f"{customer_id}.", code="resource_missing")
        return _intent_new(idempotency_key=idempotency_key, amount_minor=amount_minor, currency=currency,
                           payment_method=payment_method, off_session=off_session,
                           metadata={**metadata, "return_url": return_url, "customer": customer_id})

    return intent_from_dict(_idempotent(idempotency_key, params, produce))


# -- Connect: artists' accounts, onboarding links, transfers and their reversals -----------
# Stripe's links expire within minutes; a little longer here, where a person reads the test page.
ONBOARDING_LINK_MINUTES = 15


def _account_dict(account: SandboxAccount) -> dict:
    return {
        "id": account.account_id, "object": "account", "type": "express", "email": account.email,
        "charges_enabled": account.charges_enabled, "payouts_enabled": account.payouts_enabled,
        "details_submitted": account.details_submitted,
        "business_profile": {"name": account.business_name, "url": account.business_url},
        "capabilities": {"transfers": "active" if account.payouts_enabled else "inactive"},
        "metadata": account.metadata,
    }


def _account_get(account_id: str) -> SandboxAccount:
    return _object_get(SandboxAccount, "account", account_id=account_id)


def account_create(*, email: str, business_name: str, business_url: str, metadata: dict[str, str],
                   idempotency_key: str) -> AccountResult:
    params = {"type": "express", "email": email, "business_name": business_name, "business_url": business_url,
              "metadata": metadata}

    def produce() -> dict:
        account = SandboxAccount.objects.create(
            account_id=_object_id("acct", idempotency_key), email=email, business_name=business_name,
            business_url=business_url, metadata=metadata,
        )
        return _account_dict(account)

    return account_from_dict(_idempotent(idempotency_key, params, produce))


def account_retrieve(*, account_id: str, idempotency_key: str) -> AccountResult:
    return account_from_dict(_account_dict(_account_get(account_id)))


def account_link_create(*, account_id: str, refresh_url: str, return_url: str,
                        idempotency_key: str) -> AccountLinkResult:
    """A link to this gateway's own onboarding page; a newer link replaces the one before, like Stripe's."""
    params = {"account": account_id, "refresh_url": refresh_url, "return_url": return_url,
              "type": "account_onboarding"}

    def produce() -> dict:
        account = _account_get(account_id)
        token = secrets.token_urlsafe(24)
        expires_at = timezone.now() + timedelta(minutes=ONBOARDING_LINK_MINUTES)
        SandboxAccount.objects.filter(pk=account.pk).update(
            link_token=token, link_refresh_url=refresh_url, link_return_url=return_url, link_expires_at=expires_at,
        )
        url = settings.SITE_URL.rstrip("/") + reverse("sandbox-onboarding", args=[token])
        return {"object": "account_link", "url": url, "created": int(time.time()),
                "expires_at": int(expires_at.timestamp())}

    return account_link_from_dict(_idempotent(idempotency_key, params, produce))


def onboarding_account_for_link(*, token: str) -> tuple[SandboxAccount | None, str]:
    """(the account, "") for a live link; (None, refresh URL) for an expired one; (None, "") if unknown.

    Like Stripe, an expired link sends the person to the platform's refresh URL for a new one.
    """
    account = SandboxAccount.objects.filter(link_token=token).first() if token else None
    if account is None:
        return None, ""
    if account.link_expires_at is None or account.link_expires_at <= timezone.now():
        return None, account.link_refresh_url
    return account, ""


def account_onboarding_complete(*, account_id: str) -> str:
    """The person finished the test onboarding: the account may now receive transfers.

    Announced as Stripe does, with an `account.updated` event handed to the registered
    handler; the link is used up. Returns where to send the person back.
    """
    with transaction.atomic():
        account = SandboxAccount.objects.select_for_update().get(account_id=account_id)
        return_url = account.link_return_url
        account.charges_enabled = account.payouts_enabled = account.details_submitted = True
        account.link_token, account.link_expires_at = "", None
        account.save()
        data = _account_dict(account)
        event_id = f"evt_test_{secrets.token_hex(12)}"
        payload = {"id": event_id, "object": "event", "type": "account.updated", "account": account.account_id,
                   "created": int(time.time()), "livemode": False, "data": {"object": data}}
        webhook_event_receive(event=WebhookEvent(event_id=event_id, type="account.updated", livemode=False,
                                                 data_object=data, payload=payload))
    return return_url


def _transfer_dict(transfer: SandboxTransfer) -> dict:
    return {
        "id": transfer.transfer_id, "object": "transfer", "amount": transfer.amount_minor,
        "amount_reversed": transfer.amount_reversed_minor, "currency": transfer.currency.lower(),
        "destination": transfer.destination, "transfer_group": transfer.transfer_group,
        "reversed": transfer.amount_reversed_minor >= transfer.amount_minor,
        "description": transfer.description, "metadata": transfer.metadata,
    }


def transfer_create(*, amount_minor: int, currency: str, destination: str, transfer_group: str,
                    metadata: dict[str, str], description: str, idempotency_key: str) -> TransferResult:
    """Transfers to a ready account succeed at once (no balance is simulated)."""
    params = {"amount": amount_minor, "currency": currency.lower(), "destination": destination,
              "transfer_group": transfer_group, "metadata": metadata, "description": description}

    def produce() -> dict:
        account = SandboxAccount.objects.filter(account_id=destination).first()
        if account is None:
            raise GatewayRejected(f"No such destination: '{destination}'", code="resource_missing")
        if not account.payouts_enabled:
            raise GatewayRejected("Your destination account needs to have at least one of the following "
                                  "capabilities enabled: transfers.", code="insufficient_capabilities_for_transfer")
        if amount_minor < 1:
            raise GatewayRejected("Invalid positive integer", code="parameter_invalid_integer")
        transfer = SandboxTransfer.objects.create(
            transfer_id=_object_id("tr", idempotency_key), amount_minor=amount_minor, currency=currency.upper(),
            destination=destination, transfer_group=transfer_group, description=description, metadata=metadata,
        )
        return _transfer_dict(transfer)

    return transfer_from_dict(_idempotent(idempotency_key, params, produce))


def transfer_reversal_create(*, transfer_id: str, amount_minor: int, metadata: dict[str, str],
                             idempotency_key: str) -> TransferReversalResult:
    params = {"transfer": transfer_id, "amount": amount_minor, "metadata": metadata}

    def produce() -> dict:
        transfer = SandboxTransfer.objects.filter(transfer_id=transfer_id).first()
        if transfer is None:
            raise GatewayRejected(f"No such transfer: '{transfer_id}'", code="resource_missing")
        left = transfer.amount_minor - transfer.amount_reversed_minor
        if not 1 <= amount_minor <= left:
            raise GatewayRejected("You cannot reverse more than is left of this transfer.",
                                  code="transfer_reversal_amount_too_large")
        # Conditional, so two reversal keys can never take back more than was transferred.
        if not SandboxTransfer.objects.filter(pk=transfer.pk, amount_reversed_minor=transfer.amount_reversed_minor) \
                .update(amount_reversed_minor=transfer.amount_reversed_minor + amount_minor):
            raise GatewayRejected("Another reversal of this transfer is in progress.", code="lock_timeout")
        return {"id": _object_id("trr", idempotency_key), "object": "transfer_reversal", "amount": amount_minor,
                "currency": transfer.currency.lower(), "transfer": transfer.transfer_id, "metadata": metadata}

    return transfer_reversal_from_dict(_idempotent(idempotency_key, params, produce))
