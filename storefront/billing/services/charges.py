"""Charging artists for plan periods and featured listings, through the one payment pipeline.

Each charge is billing's record of what is bought (a plan and its period, or a feature)
and one `payment.Payment` that moves the money, created together in the caller's
transaction before the gateway is called. The payment carries the deterministic key,
the status (forward only) and the history, like an order's payment; when it completes,
fails or needs the artist to authenticate, the payments layer calls the handlers billing
registered at start-up (`charge_payment_completed`...), inside the same transaction as
the status change, whether the news came from the gateway's answer, a retrieve or a
webhook.
"""
from __future__ import annotations

import logging
from datetime import timedelta

# storefront.payment.services is imported where it is used: billing's AppConfig.ready() loads
# this module before the checkout and order apps that the payment services import are ready.
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from artiqo.core.errors import Conflict
from storefront.billing.models import PAYMENT_PURPOSE_FOR_KIND, BillingCharge, ChargeKind
from storefront.payment.gateway import GatewayRejected, GatewayUnavailable
from storefront.payment.models import UNFINISHED, Payment
from storefront.payment.purposes import payment_purpose_register

logger = logging.getLogger(__name__)


class ChargeInProgress(Conflict):
    """Another payment of the same kind is still running for this artist (answer 409)."""

    code = "charge_in_progress"

    def __init__(self, message: str = "A payment is already in progress; finish or wait for it first."):
        super().__init__(message)


class CardRequired(Conflict):
    """The artist has no saved card: they save one on the gateway's card-saving page first."""

    code = "card_required"

    def __init__(self, message: str = "Save a card first: it pays for your plan and featured listings."):
        super().__init__(message)


def artist_card(*, artist):
    """The card the artist saved with the gateway (CardRequired when there is none)."""
    from storefront.payment.selectors import saved_card_get

    card = saved_card_get(user=artist.user)
    if card is None:
        raise CardRequired()
    return card


def charge_in_progress(*, artist, kind: str) -> bool:
    return BillingCharge.objects.filter(artist=artist, kind=kind, payment__status__in=UNFINISHED).exists()


def charge_for_request(*, artist, request_key: str | None) -> BillingCharge | None:
    """The charge a form token already started (a double submit replays it)."""
    if not request_key:
        return None
    return BillingCharge.objects.select_related("payment").filter(artist=artist, request_key=request_key).first()


def charge_start(
    *,
    artist,
    kind: str,
    purpose: str,
    amount,
    card,
    description: str,
    idempotency_key: str,
    off_session: bool = False,
    request_key: str | None = None,
    plan=None,
    period_start=None,
    period_end=None,
    feature=None,
) -> BillingCharge:
    """The charge and its pending payment (call inside the caller's transaction, then `charge_submit` after it).

    The payment charges the artist's saved `card` (their PaymentCustomer): while they are
    here, or `off_session` for a renewal. `idempotency_key` is the payment's key prefix:
    derived from the operation (the form token, or the subscription and period), so
    replaying it can never charge twice.
    """
    from storefront.payment.services import payment_create

    payment = payment_create(
        purpose=PAYMENT_PURPOSE_FOR_KIND[kind], payer=artist.user, amount=amount,
        currency=settings.OSCAR_DEFAULT_CURRENCY, card=card, off_session=off_session, description=description,
        idempotency_prefix=idempotency_key, source="billing",
    )
    return BillingCharge.objects.create(
        artist=artist, payment=payment, kind=kind, purpose=purpose, request_key=request_key or None, plan=plan,
        period_start=period_start, period_end=period_end, feature=feature,
    )


def charge_return_url(*, payment: Payment) -> str:
    """Where the bank's page sends the artist back after authenticating a charge's payment."""
    return settings.SITE_URL.rstrip("/") + reverse("billing:charge-return", args=[payment.billing_charge.pk])


def _reloaded(charge: BillingCharge) -> BillingCharge:
    return BillingCharge.objects.select_related("payment", "plan", "feature", "feature__artwork").get(pk=charge.pk)


def charge_submit(*, charge: BillingCharge) -> BillingCharge:
    """Ask the gateway to create and confirm the charge's payment (the same key every time).

    Raises GatewayUnavailable when the provider cannot be reached: the payment stays
    pending and submitting it again resumes it.
    """
    from storefront.payment.services import payment_submit

    payment_submit(payment=charge.payment)
    return _reloaded(charge)


def charge_refresh(*, charge: BillingCharge) -> BillingCharge:
    """Bring an unfinished charge up to date: resend its payment's creation, or ask the gateway's word."""
    from storefront.payment.services import payment_resume

    payment_resume(payment=charge.payment)
    return _reloaded(charge)


def charges_resume_unfinished(*, older_than_minutes: int = 5) -> int:
    """Finish charges a crash, an outage or an abandoned authentication left behind; returns how many."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    finished = 0
    unfinished = BillingCharge.objects.select_related("payment").filter(
        payment__status__in=UNFINISHED, payment__date_created__lte=cutoff)
    for charge in unfinished:
        try:
            finished += charge_refresh(charge=charge).is_finished
        except (GatewayUnavailable, GatewayRejected) as error:
            logger.warning("Charge %s still unfinished: %s", charge.pk, error)
    return finished


def _charge_of(payment: Payment) -> BillingCharge:
    return BillingCharge.objects.select_related("plan", "feature").get(payment=payment)


def charge_payment_completed(*, payment: Payment) -> None:
    """The charge is paid (inside its payment's status change): book it, then start what it bought."""
    from storefront.billing.services import features, subscriptions
    from storefront.billing.services.ledger import ledger_record_charge

    charge = _charge_of(payment)
    charge.payment = payment
    ledger_record_charge(charge=charge)
    if charge.kind == ChargeKind.SUBSCRIPTION:
        subscriptions.subscription_charge_completed(charge=charge)
    else:
        features.feature_charge_completed(charge=charge)


def charge_payment_failed(*, payment: Payment, notify: bool = True) -> None:
    """The charge's payment failed (inside its status change): the plan or feature says what that means."""
    from storefront.billing.services import features, subscriptions

    charge = _charge_of(payment)
    charge.payment = payment
    if charge.kind == ChargeKind.SUBSCRIPTION:
        subscriptions.subscription_charge_failed(charge=charge)
    else:
        features.feature_charge_failed(charge=charge)


def charge_payment_requires_action(*, payment: Payment) -> None:
    """The bank wants the artist to authenticate: on a renewal made while they were away, ask them back."""
    from storefront.billing.services import subscriptions

    if payment.off_session:
        charge = _charge_of(payment)
        charge.payment = payment
        subscriptions.subscription_renewal_needs_artist(charge=charge)


def charge_purposes_register() -> None:
    """Tell the payments layer what billing's payments are for (from BillingConfig.ready())."""
    for purpose in PAYMENT_PURPOSE_FOR_KIND.values():
        payment_purpose_register(purpose=purpose, on_completed=charge_payment_completed,
                                 on_failed=charge_payment_failed, on_requires_action=charge_payment_requires_action,
                                 return_url=charge_return_url)
