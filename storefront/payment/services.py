"""The payment facade: one Payment per attempt to move money, status only forward, for every purpose.

Orders are paid here (attempts numbered per order); other apps start payments for their
own purposes (billing: plan periods, featured listings) with `payment_create` and hear
the outcome through the handlers they registered (`storefront.payment.purposes`).
Every gateway call carries a key derived from the attempt, so a retried request, a
double click or a worker that crashed after the gateway answered is replayed by the
gateway instead of charging twice. Status comes from the gateway's word (its answer, a
fresh retrieve, or a signed webhook), never from the browser.
"""
from __future__ import annotations

import hashlib
import logging
import re
from decimal import Decimal
from types import ModuleType
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from artiqo.core.errors import NotFound
from storefront.order import notifications as order_notifications
from storefront.order import statuses
from storefront.order.exceptions import OrderNotPayable
from storefront.order.holds import order_hold_claim, order_status_move
from storefront.order.services import order_mark_paid
from storefront.order.signals import order_paid, payment_refunded
from storefront.payment import notifications, sandbox
from storefront.payment.cards import card_for_token, card_number_to_token
from storefront.payment.exceptions import IdempotencyKeyReused, InvalidPaymentMethod, PaymentInProgress
from storefront.payment.gateway import (
    GatewayRejected,
    GatewayUnavailable,
    IntentResult,
    SessionResult,
    WebhookEvent,
    amount_to_minor,
    gateway_get,
    intent_from_dict,
    is_test_mode,
    minor_to_amount,
    session_from_dict,
)
from storefront.payment.models import (
    ORDER_PURPOSE,
    STATUS_RANK,
    UNFINISHED,
    Payment,
    PaymentChange,
    PaymentCustomer,
    PaymentStatus,
)
from storefront.payment.purposes import payment_purpose_get

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

logger = logging.getLogger(__name__)
GATEWAY_NAMES = {"stripe": "Stripe", sandbox.NAME: "Test gateway (no money moves)"}
PAYMENT_METHOD_RE = re.compile(r"^pm_[A-Za-z0-9_]{1,95}$")


def payment_method_from_input(*, card_number: str = "", payment_method: str = "") -> str:
    """The gateway token for what the buyer sent: a `pm_...` token, or a test card number.

    Raw card numbers are accepted only in test mode or with Stripe test keys (they map to
    Stripe's test tokens); real cards must be tokenised by Stripe in the browser.
    """
    if payment_method:
        if not PAYMENT_METHOD_RE.match(payment_method):
            raise InvalidPaymentMethod("Send a Stripe PaymentMethod id such as pm_card_visa.", "payment_method")
        if is_test_mode() and card_for_token(payment_method) is None:
            raise InvalidPaymentMethod("Test mode knows Stripe's test PaymentMethods only, such as pm_card_visa.",
                                       "payment_method")
        return payment_method
    if not card_number:
        raise InvalidPaymentMethod("Enter a card number.", "card_number")
    if not (is_test_mode() or settings.STRIPE_SECRET_KEY.startswith("sk_test_")):
        raise InvalidPaymentMethod("Card numbers cannot be sent to the live gateway; send a payment_method.",
                                   "card_number")
    try:
        return card_number_to_token(card_number)
    except ValueError as error:
        raise InvalidPaymentMethod(str(error), "card_number") from None


def _gateway_for(payment: Payment) -> ModuleType:
    # A payment is always finished on the gateway it started on, whatever the settings say now.
    return _gateway_named(payment.gateway)


def _gateway_named(name: str) -> ModuleType:
    if name == sandbox.NAME:
        return sandbox
    from storefront.payment import stripe_api

    return stripe_api


def _fingerprint(*, payment_method: str, amount: Decimal, currency: str, return_url: str) -> str:
    return hashlib.sha256(f"{payment_method}|{amount}|{currency}|{return_url}".encode()).hexdigest()


def _history(payment: Payment, *, reason: str, source: str, from_status: str = "", to_status: str = "",
             event_id: str = "", object_id: str = "") -> PaymentChange:
    return PaymentChange.objects.create(
        payment=payment, from_status=from_status, to_status=to_status, reason=reason[:500], source=source,
        stripe_event_id=event_id, stripe_object_id=object_id,
    )


def payment_start(*, order, payment_method: str, return_url: str, request_key: str | None = None) -> Payment:
    """Start (or replay) an attempt to pay `order`; returns the Payment in its resulting status.

    With a `payment_method` the card is charged at once (API clients that tokenised it);
    without one the attempt opens the gateway's hosted payment page (a Stripe Checkout
    Session, or the test gateway's own page): send the buyer to `payment.checkout_url`,
    and they come back to `return_url` (or to it with `cancelled=1`).

    Raises ArtworkUnavailable (a lapsed order's work was sold: nothing is charged),
    OrderNotPayable (already paid or cancelled), PaymentInProgress, IdempotencyKeyReused,
    and GatewayUnavailable (the attempt stays pending; retrying resumes it with the same key).
    """
    fingerprint = _fingerprint(payment_method=payment_method, amount=order.total_incl_tax,
                               currency=order.currency, return_url=return_url)
    replay = _payment_for_key(order=order, request_key=request_key, fingerprint=fingerprint)
    if replay is not None:
        return payment_resume(payment=replay)
    for unfinished in Payment.objects.filter(order=order, status__in=UNFINISHED):
        unfinished = payment_resume(payment=unfinished)
        # Waiting for the buyer (3-D Secure, or an open hosted page): close it, so it can never pay too.
        if unfinished.status == PaymentStatus.REQUIRES_ACTION or \
                (not unfinished.is_finished and unfinished.checkout_session_id):
            payment_abandon(payment=unfinished)
    try:
        payment = _attempt_create(order=order, payment_method=payment_method, return_url=return_url,
                                  request_key=request_key, fingerprint=fingerprint)
    except IntegrityError:
        # The same key raced us in another request: answer as that request does.
        replay = _payment_for_key(order=order, request_key=request_key, fingerprint=fingerprint)
        if replay is None:
            raise
        return payment_resume(payment=replay)
    return _payment_submit(payment)


def _payment_for_key(*, order, request_key: str | None, fingerprint: str) -> Payment | None:
    if not request_key:
        return None
    payment = Payment.objects.filter(order=order, request_key=request_key).first()
    if payment is not None and payment.request_fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    return payment


@transaction.atomic
def _attempt_create(*, order, payment_method: str, return_url: str, request_key: str | None,
                    fingerprint: str) -> Payment:
    # The order row lock serialises attempts on one order: at most one is ever unfinished.
    order = Order.objects.select_for_update().get(pk=order.pk)
    attempts = Payment.objects.filter(order=order)
    if request_key and attempts.filter(request_key=request_key).exists():
        raise IntegrityError("request key already used")
    if attempts.filter(status__in=UNFINISHED).exists():
        raise PaymentInProgress()
    if attempts.filter(status__in=(PaymentStatus.COMPLETED, PaymentStatus.REFUNDED)).exists() or \
            order.status not in statuses.PAYABLE:
        raise OrderNotPayable(f"Order {order.number} is already {order.status.lower()}.")
    order_hold_claim(order=order)
    number = (attempts.order_by("-attempt").values_list("attempt", flat=True).first() or 0) + 1
    gateway = gateway_get()
    payment = Payment.objects.create(
        order=order, attempt=number, gateway=gateway.NAME, amount=order.total_incl_tax, currency=order.currency,
        payment_method=payment_method, idempotency_prefix=f"artiqo-order-{order.number}-attempt-{number}",
        request_key=request_key or None, request_fingerprint=fingerprint, return_url=return_url,
        purpose=ORDER_PURPOSE, payer_id=order.user_id, description=f"Artiqo order {order.number}",
    )
    _history(payment, reason=f"Attempt {number} started with {GATEWAY_NAMES[gateway.NAME]}", source="checkout",
             to_status=PaymentStatus.PENDING)
    return payment


def _is_hosted(payment: Payment) -> bool:
    """Paid on the gateway's hosted page (no card known to Artiqo when it starts)."""
    return not payment.payment_method


def payment_cancel_url(*, return_url: str) -> str:
    """Where the hosted page's "back" link leads: the return page, told the buyer cancelled."""
    parts = urlsplit(return_url)
    query = "&".join(filter(None, [parts.query, urlencode({"cancelled": "1"})]))
    return urlunsplit(parts._replace(query=query))


def payment_create(*, purpose: str, payer, amount: Decimal, currency: str, description: str,
                   idempotency_prefix: str, card: PaymentCustomer | None = None, payment_method: str = "",
                   off_session: bool = False, return_url: str = "", source: str = "start") -> Payment:
    """A pending payment for a registered purpose other than an order; `payment_submit` sends it.

    It charges the payer's saved `card` (their PaymentCustomer: on-session while they are
    here to authenticate, or `off_session` while they are away), or a one-off
    `payment_method` token. Call it inside the owner's transaction (the owner's record of
    what is bought commits with it), and submit after the commit, like an order: the row
    exists before the gateway is called. `idempotency_prefix` must be unique and derived
    from the owner's operation, so a replayed operation finds the same payment and keys.
    """
    if purpose == ORDER_PURPOSE:
        raise ValueError("Orders are paid with payment_start.")
    payment_purpose_get(purpose=purpose)
    if card is not None:
        if not card.has_card or card.user_id != payer.pk:
            raise ValueError("Only a card the payer saved can pay for them.")
        payment_method = card.payment_method
    if not payment_method:
        raise ValueError("A payment needs a card: the payer's saved card, or a payment method.")
    gateway = gateway_get() if card is None else _gateway_named(card.gateway)
    payment = Payment.objects.create(
        purpose=purpose, payer=payer, gateway=gateway.NAME, amount=amount, currency=currency.upper(),
        payment_method=payment_method, customer_id=card.customer_id if card is not None else "",
        off_session=off_session and card is not None, description=description[:200],
        idempotency_prefix=idempotency_prefix,
        request_fingerprint=_fingerprint(payment_method=payment_method, amount=amount, currency=currency,
                                         return_url=return_url),
        return_url=return_url,
    )
    _history(payment, reason=f"Started with {GATEWAY_NAMES[gateway.NAME]}: {description}", source=source,
             to_status=PaymentStatus.PENDING)
    return payment


def payment_return_url(*, payment: Payment) -> str:
    """Where the bank's or the gateway's page sends the payer back: the payment's own, else its purpose's."""
    if payment.return_url:
        return payment.return_url
    purpose = payment_purpose_get(purpose=payment.purpose)
    return purpose.return_url(payment=payment) if purpose.return_url else ""


def _metadata(payment: Payment) -> dict[str, str]:
    # Webhooks find the payment by these (see _payment_for_event), even before our create call returned.
    if payment.order_id:
        return {"order_number": payment.order.number, "payment_id": str(payment.pk), "attempt": str(payment.attempt)}
    return {"payment_id": str(payment.pk), "purpose": payment.purpose, "payment_key": payment.idempotency_prefix}


def _metadata_matches(payment: Payment, metadata: dict) -> bool:
    if payment.order_id:
        return payment.order.number == str(metadata.get("order_number", ""))
    return payment.idempotency_prefix == str(metadata.get("payment_key", ""))


def _submit_source(payment: Payment) -> str:
    return "checkout" if payment.purpose == ORDER_PURPOSE else payment.purpose[:20]


def payment_submit(*, payment: Payment) -> Payment:
    """Send a created payment to the gateway (again: the same key every time); see `_payment_submit`."""
    return _payment_submit(payment)


def _payment_submit(payment: Payment) -> Payment:
    """Ask the gateway to create and confirm this attempt's PaymentIntent (same key every time)."""
    source = _submit_source(payment)
    if _is_hosted(payment):
        return _checkout_session_submit(payment)
    try:
        result = _intent_create(payment)
    except GatewayUnavailable:
        _history(payment, reason="Payment provider unreachable; the attempt is resumed with the same key",
                 source=source)
        raise
    except GatewayRejected as error:
        payment_status_set(payment=payment, status=PaymentStatus.FAILED, source=source,
                           reason=f"Refused by the payment provider: {error}", failure_code=error.code or "rejected",
                           failure_message=str(error))
        return _reloaded(payment)
    payment_result_apply(payment=payment, result=result, source=source)
    return _reloaded(payment)


def _intent_create(payment: Payment) -> IntentResult:
    gateway = _gateway_for(payment)
    common = {"amount_minor": amount_to_minor(payment.amount, payment.currency), "currency": payment.currency,
              "payment_method": payment.payment_method, "return_url": payment_return_url(payment=payment),
              "idempotency_key": payment.key_for("create"), "metadata": _metadata(payment),
              "description": payment.description or f"Artiqo payment {payment.pk}"}
    if payment.customer_id:
        # The payer's saved card: Stripe wants its customer, and whether the payer is here.
        return gateway.payment_intent_create_saved(customer_id=payment.customer_id, off_session=payment.off_session,
                                                   **common)
    return gateway.payment_intent_create(transfer_group=payment.order.number if payment.order_id else "", **common)


def _checkout_session_submit(payment: Payment) -> Payment:
    """Open the attempt's hosted payment page (one Checkout Session per attempt, same key every time).

    The session's PaymentIntent carries the order number as its transfer group, so the
    artists' transfers are tied to this charge.
    """
    order = payment.order
    try:
        session = _gateway_for(payment).checkout_session_create(
            mode="payment", amount_minor=amount_to_minor(payment.amount, payment.currency),
            currency=payment.currency, success_url=payment.return_url,
            cancel_url=payment_cancel_url(return_url=payment.return_url), idempotency_key=payment.key_for("session"),
            metadata=_metadata(payment), description=f"Artiqo order {order.number}",
            client_reference_id=order.number, customer_email=order.email or "", transfer_group=order.number,
        )
    except GatewayUnavailable:
        _history(payment, reason="Payment provider unreachable; the attempt is resumed with the same key",
                 source="checkout")
        raise
    except GatewayRejected as error:
        payment_status_set(payment=payment, status=PaymentStatus.FAILED, source="checkout",
                           reason=f"Refused by the payment provider: {error}", failure_code=error.code,
                           failure_message=str(error))
        return _reloaded(payment)
    if Payment.objects.filter(pk=payment.pk, checkout_session_id="").update(
            checkout_session_id=session.session_id, checkout_url=session.url, date_updated=timezone.now()):
        _history(payment, reason="The buyer is sent to the payment provider's hosted page", source="checkout",
                 object_id=session.session_id)
    return _reloaded(payment)


def _reloaded(payment: Payment) -> Payment:
    return Payment.objects.select_related("order").get(pk=payment.pk)


def payment_resume(*, payment: Payment) -> Payment:
    """Bring an attempt up to date: resend its creation (same key) or ask the gateway's word."""
    if payment.is_finished:
        return payment
    started = payment.checkout_session_id if _is_hosted(payment) else payment.intent_id
    if not started:
        return _payment_submit(payment)
    return payment_refresh(payment=payment)


def payment_abandon(*, payment: Payment) -> Payment:
    """Cancel an attempt still waiting for card authentication, so the buyer can try another card.

    If the buyer finished authenticating meanwhile the gateway refuses to cancel, and
    its fresh word (completed) is applied instead.
    An open hosted page is expired the same way: if the buyer paid on it meanwhile, the
    gateway refuses and the payment completes instead.
    """
    if _is_hosted(payment):
        return _checkout_session_abandon(payment, reason="Payment page closed: cancelled for a new attempt")
    try:
        result = _gateway_for(payment).payment_intent_cancel(
            intent_id=payment.intent_id, idempotency_key=payment.key_for("cancel")
        )
    except GatewayRejected:
        return payment_refresh(payment=payment)
    payment_status_set(payment=payment, status=PaymentStatus.FAILED, source="checkout", intent_id=result.intent_id,
                       reason="Authentication abandoned: cancelled for a new attempt", notify=False,
                       failure_code="abandoned", failure_message="Card authentication was not completed.")
    return _reloaded(payment)


def payment_cancel(*, payment: Payment) -> Payment:
    """The buyer left the hosted page with "back": close it; the order stays payable."""
    if payment.is_finished or not _is_hosted(payment):
        return payment
    return _checkout_session_abandon(payment, reason="The buyer cancelled on the payment page")


def _checkout_session_abandon(payment: Payment, *, reason: str) -> Payment:
    if payment.checkout_session_id:
        try:
            session = _gateway_for(payment).checkout_session_expire(
                session_id=payment.checkout_session_id, idempotency_key=payment.key_for("session-expire"))
        except GatewayRejected:
            # Already complete (paid meanwhile) or expired: its word decides.
            return payment_refresh(payment=payment)
        if session.is_paid:
            payment_session_apply(payment=payment, session=session, source="checkout")
            return _reloaded(payment)
    payment_status_set(payment=payment, status=PaymentStatus.FAILED, source="checkout", reason=reason,
                       notify=False, failure_code="cancelled", failure_message="The payment was not completed.")
    return _reloaded(payment)


def payment_refresh(*, payment: Payment, source: str = "retrieve") -> Payment:
    """Apply the gateway's current word on this attempt (its PaymentIntent, or its hosted page)."""
    if _is_hosted(payment) and payment.checkout_session_id:
        session = _gateway_for(payment).checkout_session_retrieve(
            session_id=payment.checkout_session_id, idempotency_key=payment.key_for("session-retrieve"))
        payment_session_apply(payment=payment, session=session, source=source)
        return _reloaded(payment)
    if not payment.intent_id or _is_hosted(payment):
        return payment_resume(payment=payment)
    result = _gateway_for(payment).payment_intent_retrieve(
        intent_id=payment.intent_id, idempotency_key=payment.key_for("retrieve")
    )
    payment_result_apply(payment=payment, result=result, source=source)
    return _reloaded(payment)


def _result_reason(result: IntentResult) -> str:
    if result.status == PaymentStatus.COMPLETED:
        card = f" ({result.card_brand} ending {result.card_last4})" if result.card_last4 else ""
        return f"Payment succeeded{card}"
    if result.status == PaymentStatus.REQUIRES_ACTION:
        return "The card issuer asks the buyer to authenticate (3-D Secure)"
    if result.status == PaymentStatus.FAILED:
        return f"Payment failed: {result.error_message or result.gateway_status} [{result.error_code}]"
    return f"Payment provider reports “{result.gateway_status}”"


def payment_result_apply(*, payment: Payment, result: IntentResult, source: str, event_id: str = "") -> bool:
    """Move the attempt to the status the gateway reports, if that is forward; True if it moved."""
    expected = (amount_to_minor(payment.amount, payment.currency), payment.currency.upper())
    if result.status == PaymentStatus.COMPLETED and (result.amount_minor, result.currency) != expected:
        logger.error("Payment %s: gateway amount %s %s differs from %s", payment.pk, result.amount_minor,
                     result.currency, expected)
        _history(payment, reason="Ignored: the gateway reports a different amount", source=source,
                 event_id=event_id, object_id=result.intent_id)
        return False
    failed = result.status == PaymentStatus.FAILED
    return payment_status_set(
        payment=payment, status=result.status, source=source, reason=_result_reason(result), event_id=event_id,
        intent_id=result.intent_id,
        next_action_url=result.next_action_url if result.status == PaymentStatus.REQUIRES_ACTION else "",
        failure_code=result.error_code if failed else "", failure_message=result.error_message if failed else "",
        card_brand=result.card_brand, card_last4=result.card_last4,
    )


def payment_session_apply(*, payment: Payment, session: SessionResult, source: str, event_id: str = "") -> bool:
    """Move a hosted-page attempt to what its Checkout Session says: paid, expired, or still open."""
    if session.session_id != payment.checkout_session_id:
        _history(payment, reason="Ignored: a payment page that is not this attempt's", source=source,
                 event_id=event_id, object_id=session.session_id)
        return False
    if session.is_paid:
        return payment_result_apply(payment=payment, result=session.as_intent(), source=source, event_id=event_id)
    if session.status == "expired":
        return payment_status_set(
            payment=payment, status=PaymentStatus.FAILED, source=source, event_id=event_id,
            reason="The payment page expired before the buyer paid", failure_code="expired",
            failure_message="The payment was not completed in time.",
        )
    return False


def payment_status_set(*, payment: Payment, status: str, source: str, reason: str, event_id: str = "",
                       intent_id: str = "", notify: bool = True, **fields) -> bool:
    """The one place a payment's status changes: forward only, exactly once, with its history.

    The purpose's handler for the new status runs in the same transaction, so what it
    writes (a paid order, a renewed plan, a ledger entry) exists exactly when the change does.
    """
    with transaction.atomic():
        current = Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)
        if intent_id and not current.intent_id:
            Payment.objects.filter(pk=current.pk, intent_id="").update(intent_id=intent_id)
            current.intent_id = intent_id
        if STATUS_RANK[status] <= STATUS_RANK[current.status]:
            return False
        # Card details are kept once known; action and failure fields always follow the gateway.
        changes = {k: v for k, v in fields.items() if v or k not in ("card_brand", "card_last4")}
        now = timezone.now()
        if status == PaymentStatus.COMPLETED:
            changes["date_completed"] = now
        moved = Payment.objects.filter(pk=current.pk, status=current.status).update(
            status=status, date_updated=now, **changes,
        )
        if not moved:
            return False
        previous, current.status = current.status, status
        for name, value in changes.items():
            setattr(current, name, value)
        _history(current, reason=reason, source=source, from_status=previous, to_status=status, event_id=event_id,
                 object_id=current.intent_id)
        purpose = payment_purpose_get(purpose=current.purpose)
        if status == PaymentStatus.COMPLETED:
            _payment_completed(current)
        elif status == PaymentStatus.FAILED and purpose.on_failed is not None:
            purpose.on_failed(payment=current, notify=notify)
        elif status == PaymentStatus.REQUIRES_ACTION and purpose.on_requires_action is not None:
            purpose.on_requires_action(payment=current)
    payment.status = status
    return True


def _payment_completed(payment: Payment) -> None:
    """Inside the status change's transaction: hand the money to what it paid for (its purpose)."""
    payment_purpose_get(purpose=payment.purpose).on_completed(payment=payment)


def order_payment_failed(*, payment: Payment, notify: bool) -> None:
    """An order payment failed: tell the buyer (not when Artiqo abandoned it for a new attempt)."""
    if notify:
        # Enqueued in the same transaction: the outbox row exists exactly when the change does.
        notifications.payment_failure_notice_send(payment_id=payment.pk)


def order_payment_completed(*, payment: Payment) -> None:
    """Inside the status change's transaction: book the money and turn the order into a sale."""
    source_type, _ = SourceType.objects.get_or_create(code=payment.gateway,
                                                      defaults={"name": GATEWAY_NAMES.get(payment.gateway, "")})
    oscar_source = Source.objects.create(
        order=payment.order, source_type=source_type, currency=payment.currency, amount_allocated=payment.amount,
        reference=payment.intent_id, label=f"Payment attempt {payment.attempt}",
    )
    oscar_source.debit(payment.amount, reference=payment.intent_id)
    order = Order.objects.get(pk=payment.order_id)
    if order_mark_paid(order=order):
        order_notifications.order_paid_notices_send(order_id=order.pk)
        # Listeners (the fee ledger) hear it once, after the sale is committed; their errors are logged.
        transaction.on_commit(lambda: order_paid.send_robust(sender=Order, order=order), robust=True)
        return
    Payment.objects.filter(pk=payment.pk).update(needs_refund=True)
    _history(payment, reason="The order cannot take this payment (work sold meanwhile or already paid): "
                             "refund due", source="checkout")
    transaction.on_commit(lambda: payment_refund_due(payment_id=payment.pk), robust=True)


def payment_refund_due(*, payment_id: int) -> Payment:
    """Refund, once, a payment the order could not take (runs again safely; same refund key)."""
    payment = Payment.objects.select_related("order").get(pk=payment_id)
    if not payment.needs_refund:
        return payment
    remaining = payment.amount - payment.amount_refunded
    try:
        refund = _gateway_for(payment).refund_create(
            intent_id=payment.intent_id, amount_minor=amount_to_minor(remaining, payment.currency),
            idempotency_key=payment.key_for("refund"),
            metadata={"order_number": payment.order.number, "payment_id": str(payment.pk)},
        )
    except (GatewayUnavailable, GatewayRejected) as error:
        # Left flagged: `manage.py payments_reconcile` retries with the same key.
        logger.warning("Refund of payment %s not done yet: %s", payment.pk, error)
        _history(payment, reason=f"Refund not done yet: {error}", source="refund")
        return payment
    refunded_total = amount_to_minor(payment.amount_refunded, payment.currency) + refund.amount_minor
    if payment_refund_record(payment=payment, refunded_total_minor=refunded_total, refund_id=refund.refund_id,
                             source="refund", reason="the work was sold to another buyer"):
        order_status_move(order=payment.order, from_statuses=(statuses.EXPIRED,), to_status=statuses.CANCELLED)
        notifications.payment_refund_notice_send(payment_id=payment.pk)
    return _reloaded(payment)


def payment_refund_record(*, payment: Payment, refunded_total_minor: int, refund_id: str, source: str,
                          reason: str, event_id: str = "") -> bool:
    """Record that `refunded_total_minor` of this payment is refunded in all; True if that is news."""
    total = minor_to_amount(refunded_total_minor, payment.currency)
    with transaction.atomic():
        current = Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)
        if total <= current.amount_refunded:
            return False
        delta = total - current.amount_refunded
        full = total >= current.amount
        new_status = PaymentStatus.REFUNDED if full and current.status == PaymentStatus.COMPLETED else current.status
        Payment.objects.filter(pk=current.pk, amount_refunded=current.amount_refunded).update(
            amount_refunded=total, status=new_status, needs_refund=current.needs_refund and not full,
            date_updated=timezone.now(),
        )
        _history(current, reason=f"Refunded {delta} {current.currency}: {reason}", source=source,
                 from_status=current.status if new_status != current.status else "",
                 to_status=new_status if new_status != current.status else "", event_id=event_id,
                 object_id=refund_id)
        oscar_source = Source.objects.filter(order_id=current.order_id, reference=current.intent_id).first() \
            if current.order_id else None
        if oscar_source is not None:
            oscar_source.refund(delta, reference=refund_id)
        transaction.on_commit(lambda: payment_refunded.send_robust(sender=Payment, payment=current, amount=delta),
                              robust=True)
    return True


def payments_reconcile() -> int:
    """Finish what a crash may have left: resume unfinished attempts, pay out due refunds."""
    done = 0
    for payment in Payment.objects.filter(status__in=UNFINISHED).select_related("order"):
        try:
            done += payment_resume(payment=payment).is_finished
        except (GatewayUnavailable, GatewayRejected) as error:
            logger.warning("Payment %s still unfinished: %s", payment.pk, error)
    for payment_id in Payment.objects.filter(needs_refund=True).values_list("pk", flat=True):
        done += not payment_refund_due(payment_id=payment_id).needs_refund
    return done


def _payment_for_event(event: WebhookEvent, intent_id: str) -> Payment | None:
    """The payment an event is about, whatever its purpose: by the intent id, or by our own metadata."""
    metadata = event.data_object.get("metadata") or {}
    payment_id = str(metadata.get("payment_id", ""))
    if payment_id.isdigit():
        # Stripe may call before our create request returned: match on our own id then. The
        # other metadata must match too (another database sharing the Stripe account has a payment N).
        payment = Payment.objects.select_related("order").filter(pk=int(payment_id)).first()
        if payment is not None and payment.intent_id in ("", intent_id) and _metadata_matches(payment, metadata):
            return payment
    return Payment.objects.select_related("order").filter(intent_id=intent_id).first() if intent_id else None


def payment_intent_event_apply(*, event: WebhookEvent) -> str:
    """payment_intent.*: move the attempt to what Stripe reports."""
    payment = _payment_for_event(event, event.object_id)
    if payment is None:
        return "ignored: no payment for this intent"
    result = intent_from_dict(event.data_object)
    if _is_hosted(payment) and result.status != PaymentStatus.COMPLETED:
        # On a hosted page a declined card is not the end: the buyer may try another there.
        # Only a paid or closed session ends the attempt.
        return f"payment {payment.pk}: stays {payment.status} (the payment page is still open)"
    moved = payment_result_apply(payment=payment, result=result, source="webhook", event_id=event.event_id)
    return f"payment {payment.pk}: {'now ' if moved else 'stays '}{_reloaded(payment).status}"


def checkout_session_event_apply(*, event: WebhookEvent) -> str:
    """checkout.session.*: a hosted payment page was paid, expired, or paid late (async methods)."""
    session = session_from_dict(event.data_object)
    if session.mode != "payment":
        return ""
    payment = Payment.objects.select_related("order").filter(checkout_session_id=session.session_id).first()
    if payment is None:
        return "ignored: no payment for this checkout session"
    if session.client_reference_id and session.client_reference_id != (payment.order.number if payment.order else ""):
        logger.error("Checkout session %s names order %s, but it pays order %s", session.session_id,
                     session.client_reference_id, payment.order.number)
        return "ignored: the session names another order"
    moved = payment_session_apply(payment=payment, session=session, source="webhook", event_id=event.event_id)
    return f"payment {payment.pk}: {'now ' if moved else 'stays '}{_reloaded(payment).status}"


def charge_refunded_event_apply(*, event: WebhookEvent) -> str:
    """charge.refunded: record the refunded total (Stripe sends the running total, so replays add nothing)."""
    intent_id = str(event.data_object.get("payment_intent") or "")
    payment = _payment_for_event(event, intent_id)
    if payment is None:
        return "ignored: no payment for this charge"
    recorded = payment_refund_record(
        payment=payment, refunded_total_minor=int(event.data_object.get("amount_refunded") or 0),
        refund_id=event.object_id, source="webhook", reason="refund reported by Stripe", event_id=event.event_id,
    )
    return f"payment {payment.pk}: refund {'recorded' if recorded else 'already known'}"


# -- Customers and saved cards ------------------------------------------------------------------
CARD_SESSIONS_KEPT = 50


class CardSetupRefused(NotFound):
    """A card-saving page that is not the user's, or not finished (answer 404 / ask again)."""

    code = "card_setup_refused"


def payment_customer_ensure(*, user) -> PaymentCustomer:
    """The user's customer at the gateway in use, created once (the same key, so a retry makes no second one)."""
    gateway = gateway_get()
    existing = PaymentCustomer.objects.filter(user=user, gateway=gateway.NAME).first()
    if existing is not None:
        return existing
    result = gateway.customer_create(
        email=user.email, name=user.get_full_name() or user.get_username(),
        idempotency_key=f"artiqo-customer-user-{user.pk}", metadata={"user_id": str(user.pk)},
    )
    try:
        with transaction.atomic():
            return PaymentCustomer.objects.create(user=user, gateway=gateway.NAME, customer_id=result.customer_id)
    except IntegrityError:
        # Another request of the same user won the race; the gateway answered both with the same customer.
        return PaymentCustomer.objects.get(user=user, gateway=gateway.NAME)


def card_setup_start(*, user, success_url: str, cancel_url: str, request_key: str,
                     description: str = "") -> SessionResult:
    """Open the gateway's card-saving page (a Checkout Session in setup mode) on the user's customer.

    `success_url` may hold `{CHECKOUT_SESSION_ID}`; the gateway puts the session's id there.
    The same `request_key` opens the same page again (a double click).
    """
    customer = payment_customer_ensure(user=user)
    return _gateway_named(customer.gateway).checkout_session_create(
        mode="setup", success_url=success_url, cancel_url=cancel_url, currency=settings.OSCAR_DEFAULT_CURRENCY,
        idempotency_key=f"artiqo-card-setup-user-{user.pk}-{request_key}", customer_id=customer.customer_id,
        metadata={"user_id": str(user.pk), "purpose": "card_setup"}, description=description,
    )


def card_setup_finish(*, user, session_id: str) -> PaymentCustomer:
    """The user is back from the card-saving page: keep the card it saved (their own page only).

    Raises CardSetupRefused for a page of another customer or one not completed.
    """
    customer = PaymentCustomer.objects.filter(user=user, gateway=gateway_get().NAME).first()
    if customer is None:
        raise CardSetupRefused("No card-saving page was opened for you.")
    try:
        session = _gateway_named(customer.gateway).checkout_session_retrieve(
            session_id=session_id, idempotency_key=f"{session_id}-retrieve")
    except GatewayRejected as error:
        raise CardSetupRefused(str(error)) from None
    if session.mode != "setup" or session.customer_id != customer.customer_id:
        raise CardSetupRefused("This card-saving page is not yours.")
    if session.status != "complete" or not session.saved_payment_method:
        raise CardSetupRefused("The card was not saved.")
    return _card_save(customer, session)


def _card_save(customer: PaymentCustomer, session: SessionResult) -> PaymentCustomer:
    """Make the session's card the customer's card, once per page: a replayed or late event changes nothing."""
    if session.session_id in customer.card_sessions:
        return customer
    card = _gateway_named(customer.gateway).payment_method_retrieve(
        payment_method_id=session.saved_payment_method, idempotency_key=f"{session.session_id}-card")
    with transaction.atomic():
        current = PaymentCustomer.objects.select_for_update().get(pk=customer.pk)
        if session.session_id not in current.card_sessions:
            current.payment_method, current.card_brand, current.card_last4 = (
                card.payment_method_id, card.brand, card.last4)
            current.card_sessions = [*current.card_sessions, session.session_id][-CARD_SESSIONS_KEPT:]
            current.card_saved_at = timezone.now()
            current.save(update_fields=["payment_method", "card_brand", "card_last4", "card_sessions",
                                        "card_saved_at"])
    return PaymentCustomer.objects.get(pk=customer.pk)


def card_setup_event_apply(*, event: WebhookEvent) -> str:
    """checkout.session.completed for a card-saving page: keep the card even if the payer never came back."""
    session = session_from_dict(event.data_object)
    if session.mode != "setup":
        return ""
    customer = PaymentCustomer.objects.filter(customer_id=session.customer_id).first() \
        if session.customer_id else None
    if customer is None:
        return "ignored: no customer of ours for this card-saving page"
    if session.session_id in customer.card_sessions:
        return f"customer {customer.pk}: card already saved"
    if session.status != "complete":
        return f"customer {customer.pk}: card-saving page {session.status}"
    if not session.saved_payment_method:
        # Stripe's event names the SetupIntent without its card: ask for the session in full.
        session = _gateway_named(customer.gateway).checkout_session_retrieve(
            session_id=session.session_id, idempotency_key=f"{session.session_id}-retrieve")
    _card_save(customer, session)
    return f"customer {customer.pk}: card saved"
