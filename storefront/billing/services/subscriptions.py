"""Writes to artist subscriptions: choose, upgrade, downgrade, cancel, and the monthly renewals.

Billing runs on Artiqo's side: each period is one charge through the payments layer
(Stripe PaymentIntents, or the built-in test gateway offline) on the card the artist
saved on the gateway's card-saving page, with a key derived from the subscription and
period, so a renewal is never charged twice. Renewals are charged while the artist is
away (off-session); when that fails (the bank wants them to authenticate, the card is
declined, no card is saved) a grace period starts with a daily retry and the artist is
mailed a link to the renewal page, where they confirm the payment themselves. When the
grace period ends they are back on the default plan's limits.
"""
from __future__ import annotations

import calendar
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from storefront.billing.models import (
    ArtistSubscription,
    BillingCharge,
    ChargeKind,
    SubscriptionEvent,
    SubscriptionPlan,
    SubscriptionStatus,
)
from storefront.billing.money import money_round
from storefront.billing.notifications import renewal_action_notice_send
from storefront.billing.services.charges import (
    CardRequired,
    ChargeInProgress,
    artist_card,
    charge_for_request,
    charge_in_progress,
    charge_refresh,
    charge_start,
    charge_submit,
)
from storefront.billing.services.plans import artist_lock
from storefront.payment.gateway import GatewayUnavailable
from storefront.payment.models import UNFINISHED, PaymentStatus

logger = logging.getLogger(__name__)
Kind = SubscriptionEvent.Kind
RETRY_EVERY = timedelta(days=1)
RENEWAL_PURPOSES = ("renewal", "retry")


@dataclass(frozen=True)
class PlanChange:
    """What choosing or cancelling a plan did; `charge` is set when it took (or tried) a payment."""

    action: str  # charged, resumed, cancelled, downgrade_scheduled, switched
    message: str
    charge: BillingCharge | None = None


def month_add(moment: datetime, months: int = 1) -> datetime:
    """The same day and time `months` later (the month's last day when it is shorter)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def _event(artist_id: int, kind: str, *, from_plan=None, to_plan=None, note: str = "", now=None) -> None:
    SubscriptionEvent.objects.create(artist_id=artist_id, kind=kind, from_plan=from_plan, to_plan=to_plan,
                                     note=note[:300], date_created=now or timezone.now())


def _default_plan():
    from storefront.billing.selectors import plan_default

    return plan_default()


def _grace_days() -> int:
    from storefront.billing.selectors import marketplace_settings

    return marketplace_settings().grace_period_days


def _to_default(subscription: ArtistSubscription, kind: str, now: datetime,
                note: str = "") -> ArtistSubscription | None:
    """Put the artist back on the default plan (or on no plan when admins defined none)."""
    default = _default_plan()
    _event(subscription.artist_id, kind, from_plan=subscription.plan, to_plan=default, note=note, now=now)
    if default is None:
        subscription.delete()
        return None
    _plan_set(subscription, default)
    return subscription


def _plan_set(subscription: ArtistSubscription, plan: SubscriptionPlan, *, period_start=None,
              period_end=None) -> None:
    subscription.plan = plan
    subscription.status = SubscriptionStatus.ACTIVE
    subscription.current_period_start, subscription.current_period_end = period_start, period_end
    subscription.cancel_at_period_end = False
    subscription.scheduled_plan = None
    subscription.grace_until = subscription.next_retry_at = None
    subscription.save()


def _settle(subscription: ArtistSubscription | None, now: datetime) -> ArtistSubscription | None:
    """Apply the changes that are due by the calendar and need no payment (caller holds the lock)."""
    if subscription is None or subscription.plan.is_free or subscription.current_period_end is None:
        return subscription
    if now >= subscription.current_period_end:
        if subscription.cancel_at_period_end:
            return _to_default(subscription, Kind.ENDED, now)
        scheduled = subscription.scheduled_plan
        if scheduled is not None and scheduled.is_free:
            _event(subscription.artist_id, Kind.DOWNGRADED, from_plan=subscription.plan, to_plan=scheduled, now=now)
            _plan_set(subscription, scheduled)
            return subscription
    deadline = subscription.grace_until or subscription.current_period_end + timedelta(days=_grace_days())
    if now >= deadline:
        return _to_default(subscription, Kind.LAPSED, now, note="The renewal was not paid within the grace period.")
    return subscription


def _locked_subscription(artist, now: datetime) -> ArtistSubscription | None:
    artist_lock(artist)
    subscription = (ArtistSubscription.objects.select_for_update().select_related("plan", "scheduled_plan")
                    .filter(artist=artist).first())
    return _settle(subscription, now)


def _upgrade_credit(subscription: ArtistSubscription, now: datetime) -> Decimal:
    # The unused part of the period already paid for, pro rata to the second.
    start, end = subscription.current_period_start, subscription.current_period_end
    if not start or not end or end <= now:
        return Decimal("0.00")
    unused = Decimal((end - now).total_seconds()) / Decimal((end - start).total_seconds())
    return money_round(subscription.plan.monthly_price * unused, subscription.plan.currency)


def _charge_key(artist, purpose: str, request_key: str | None) -> str:
    return f"artiqo-billing-{artist.pk}-{purpose}-{request_key or uuid.uuid4().hex}"


def _is_paid_and_current(subscription: ArtistSubscription | None) -> bool:
    return (subscription is not None and not subscription.plan.is_free
            and subscription.status == SubscriptionStatus.ACTIVE and subscription.current_period_end is not None)


def subscription_choose(*, artist, plan: SubscriptionPlan, request_key: str | None = None,
                        now: datetime | None = None) -> PlanChange:
    """Move the artist to `plan`: pay now for a dearer plan, or switch at the period's end for a cheaper one.

    A payment charges the artist's saved card while they are here (the bank may ask them
    to authenticate). Choosing the current plan while its renewal is overdue pays it.
    Raises ValidationError (plan not offered, already on it), CardRequired (no saved
    card: save one first) and ChargeInProgress. A charge that the gateway could not
    reach raises GatewayUnavailable; submitting the same form again (same `request_key`)
    resumes it without charging twice.
    """
    replay = charge_for_request(artist=artist, request_key=request_key)
    if replay is not None:
        return PlanChange("charged", "", charge=charge_refresh(charge=replay))
    if not plan.is_active:
        raise ValidationError({"plan": "This plan is not offered."})
    now = now or timezone.now()
    with transaction.atomic():
        change = _plan_choose_locked(artist, plan, request_key, now)
    if change.charge is not None:
        # The gateway is called after the commit, like order payments: the pending row exists first.
        return PlanChange(change.action, change.message, charge=charge_submit(charge=change.charge))
    return change


def _plan_choose_locked(artist, plan, request_key, now) -> PlanChange:
    subscription = _locked_subscription(artist, now)
    current = subscription.plan if subscription is not None else _default_plan()
    if current is not None and current.pk == plan.pk:
        return _choose_current(artist, subscription, plan, request_key, now)
    if plan.is_free:
        if _is_paid_and_current(subscription):
            return _end_of_period_change(subscription, plan, now)
        return _switch_now(artist, subscription, plan, now)
    if _is_paid_and_current(subscription) and plan.monthly_price <= current.monthly_price:
        return _end_of_period_change(subscription, plan, now)
    credit = _upgrade_credit(subscription, now) if _is_paid_and_current(subscription) else Decimal("0.00")
    purpose = "upgrade" if credit else "start"
    return PlanChange("charged", "", charge=_plan_charge_start(
        artist, plan, request_key, purpose, amount=plan.monthly_price - credit, period_start=now,
        period_end=month_add(now),
    ))


def _plan_description(plan: SubscriptionPlan, period_start: datetime, period_end: datetime) -> str:
    return f"{plan.name} plan, {period_start:%d %b %Y} – {period_end:%d %b %Y}"


def _plan_charge_start(artist, plan, request_key, purpose, *, amount, period_start, period_end) -> BillingCharge:
    if charge_in_progress(artist=artist, kind=ChargeKind.SUBSCRIPTION):
        raise ChargeInProgress()
    return charge_start(
        artist=artist, kind=ChargeKind.SUBSCRIPTION, purpose=purpose, amount=amount, card=artist_card(artist=artist),
        description=_plan_description(plan, period_start, period_end),
        idempotency_key=_charge_key(artist, purpose, request_key), request_key=request_key, plan=plan,
        period_start=period_start, period_end=period_end,
    )


def _choose_current(artist, subscription, plan, request_key, now) -> PlanChange:
    if subscription is not None and (subscription.cancel_at_period_end or subscription.scheduled_plan_id):
        subscription.cancel_at_period_end, subscription.scheduled_plan = False, None
        subscription.save(update_fields=["cancel_at_period_end", "scheduled_plan", "date_updated"])
        _event(artist.pk, Kind.RESUMED, from_plan=plan, to_plan=plan, now=now)
        return PlanChange("resumed", f"You stay on {plan.name}; nothing changes at the end of the period.")
    if subscription is not None and subscription.status == SubscriptionStatus.PAST_DUE:
        # Paying the overdue renewal now, on the saved card, with the artist here to authenticate.
        start = subscription.current_period_end
        return PlanChange("charged", "", charge=_plan_charge_start(
            artist, plan, request_key, "retry", amount=plan.monthly_price, period_start=start,
            period_end=month_add(start),
        ))
    raise ValidationError({"plan": f"You are already on the {plan.name} plan."})


def _end_of_period_change(subscription: ArtistSubscription, plan: SubscriptionPlan | None, now) -> PlanChange:
    """Keep the paid plan until the period ends, then move to `plan` (None or the default: cancel)."""
    cancel = plan is None or plan.is_default
    subscription.cancel_at_period_end, subscription.scheduled_plan = cancel, None if cancel else plan
    subscription.save(update_fields=["cancel_at_period_end", "scheduled_plan", "date_updated"])
    kind = Kind.CANCELLED if cancel else Kind.DOWNGRADE_SCHEDULED
    _event(subscription.artist_id, kind, from_plan=subscription.plan, to_plan=plan or _default_plan(), now=now)
    target = plan.name if plan is not None else "no plan"
    return PlanChange("cancelled" if cancel else "downgrade_scheduled",
                      f"You keep {subscription.plan.name} until {subscription.current_period_end:%d %B %Y}, "
                      f"then move to {target}.")


def _switch_now(artist, subscription, plan, now) -> PlanChange:
    previous = subscription.plan if subscription is not None else _default_plan()
    if subscription is None:
        subscription = ArtistSubscription(artist=artist)
    _plan_set(subscription, plan)
    _event(artist.pk, Kind.DOWNGRADED if previous is not None and not previous.is_free else Kind.STARTED,
           from_plan=previous, to_plan=plan, now=now)
    return PlanChange("switched", f"You are now on {plan.name}.")


def subscription_cancel(*, artist, now: datetime | None = None) -> PlanChange:
    """Stop paying: keep the plan until the paid period ends (an unpaid renewal ends it at once)."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription = _locked_subscription(artist, now)
        if _is_paid_and_current(subscription):
            return _end_of_period_change(subscription, _default_plan(), now)
        if subscription is not None and subscription.status == SubscriptionStatus.PAST_DUE:
            _to_default(subscription, Kind.ENDED, now, note="Cancelled with the renewal unpaid.")
            return PlanChange("switched", "Your plan has ended.")
    raise ValidationError({"plan": "You have no paid plan to cancel."})


def subscription_charge_completed(*, charge: BillingCharge) -> None:
    """A plan charge was paid (inside its status change): start, upgrade or renew the period."""
    subscription = ArtistSubscription.objects.select_for_update().select_related("plan").filter(
        artist_id=charge.artist_id).first()
    if subscription is not None and charge.purpose in RENEWAL_PURPOSES and subscription.current_period_end \
            and charge.period_end <= subscription.current_period_end:
        return
    previous = subscription.plan if subscription is not None else _default_plan()
    if subscription is None:
        subscription = ArtistSubscription(artist_id=charge.artist_id)
    _plan_set(subscription, charge.plan, period_start=charge.period_start, period_end=charge.period_end)
    if charge.purpose in RENEWAL_PURPOSES:
        kind = Kind.RENEWED
    else:
        kind = Kind.UPGRADED if previous is not None and not previous.is_free else Kind.STARTED
    _event(charge.artist_id, kind, from_plan=previous, to_plan=charge.plan, note=charge.payment.description)


def subscription_charge_failed(*, charge: BillingCharge) -> None:
    """A plan charge failed: a failed renewal opens (or continues) the grace period; others change nothing.

    A renewal charged while the artist was away needs them: they are mailed the renewal page.
    """
    if charge.purpose not in RENEWAL_PURPOSES:
        return
    subscription = ArtistSubscription.objects.select_for_update().filter(artist_id=charge.artist_id).first()
    if subscription is None or subscription.current_period_end != charge.period_start:
        return
    note = charge.payment.failure_message or "The card was declined."
    _renewal_overdue(subscription, now=timezone.now(), note=note)
    if charge.payment.off_session:
        renewal_action_notice_send(subscription=subscription, charge=charge)


def subscription_renewal_needs_artist(*, charge: BillingCharge) -> None:
    """A renewal made while the artist was away waits for them to authenticate: mail them the renewal page."""
    subscription = ArtistSubscription.objects.select_for_update().filter(artist_id=charge.artist_id).first()
    if subscription is not None and subscription.current_period_end == charge.period_start:
        renewal_action_notice_send(subscription=subscription, charge=charge)


def _renewal_overdue(subscription: ArtistSubscription, *, now: datetime, note: str) -> None:
    """The period's renewal is not paid: keep the plan through the grace period, retry daily."""
    subscription.status = SubscriptionStatus.PAST_DUE
    subscription.grace_until = subscription.grace_until or \
        subscription.current_period_end + timedelta(days=_grace_days())
    subscription.next_retry_at = now + RETRY_EVERY
    subscription.save(update_fields=["status", "grace_until", "next_retry_at", "date_updated"])
    _event(subscription.artist_id, Kind.RENEWAL_FAILED, from_plan=subscription.plan, to_plan=subscription.plan,
           note=note, now=now)


def subscriptions_renew_due(*, now: datetime | None = None) -> dict[str, int]:
    """The renewal job: end, downgrade, renew or retry every subscription whose period is over.

    Returns counts of what it did. Safe to run as often as wanted (cron every few minutes).
    """
    now = now or timezone.now()
    counts = {"charged": 0, "settled": 0, "skipped": 0, "no_card": 0}
    due = ArtistSubscription.objects.filter(plan__monthly_price__gt=0, current_period_end__lte=now)
    for subscription_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            outcome, charge = _renewal_start(subscription_id, now)
        counts[outcome] += 1
        if charge is None:
            continue
        try:
            charge = charge_submit(charge=charge)
        except GatewayUnavailable:
            continue  # left pending: `charges_resume_unfinished` resubmits it with the same key
        if charge.payment.status == PaymentStatus.FAILED:
            # The next try is a day after this run (the job's clock, which may be ahead of the wall's).
            ArtistSubscription.objects.filter(pk=subscription_id, status=SubscriptionStatus.PAST_DUE).update(
                next_retry_at=now + RETRY_EVERY)
    return counts


def _renewal_start(subscription_id: int, now: datetime) -> tuple[str, BillingCharge | None]:
    """Under the lock: settle what is due, then start the period's charge if one is needed now."""
    subscription = (ArtistSubscription.objects.select_for_update().select_related("plan", "scheduled_plan", "artist")
                    .filter(pk=subscription_id).first())
    if subscription is None:
        return "skipped", None
    settled = _settle(subscription, now)
    if settled is None or settled.plan.is_free or settled.current_period_end is None or \
            settled.current_period_end > now:
        return "settled", None
    if settled.status == SubscriptionStatus.PAST_DUE and settled.next_retry_at and settled.next_retry_at > now:
        return "skipped", None
    period_start = settled.current_period_end
    earlier = BillingCharge.objects.filter(artist_id=settled.artist_id, kind=ChargeKind.SUBSCRIPTION,
                                           period_start=period_start)
    if earlier.filter(payment__status__in=UNFINISHED).exists():
        return "skipped", None
    if settled.scheduled_plan_id:
        _event(settled.artist_id, Kind.DOWNGRADED, from_plan=settled.plan, to_plan=settled.scheduled_plan, now=now)
        settled.plan, settled.scheduled_plan = settled.scheduled_plan, None
        settled.save(update_fields=["plan", "scheduled_plan", "date_updated"])
    attempt = earlier.count() + 1
    period_end = month_add(period_start)
    try:
        card = artist_card(artist=settled.artist)
    except CardRequired:
        _renewal_overdue(settled, now=now, note="No card is saved to renew the plan.")
        renewal_action_notice_send(subscription=settled, charge=None)
        return "no_card", None
    return "charged", charge_start(
        artist=settled.artist, kind=ChargeKind.SUBSCRIPTION, purpose="renewal" if attempt == 1 else "retry",
        amount=settled.plan.monthly_price, card=card, off_session=True,
        description=_plan_description(settled.plan, period_start, period_end),
        idempotency_key=f"artiqo-subscription-{settled.pk}-{period_start:%Y%m%dT%H%M%S}-attempt-{attempt}",
        plan=settled.plan, period_start=period_start, period_end=period_end,
    )
