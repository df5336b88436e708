"""Reads of plans: the marketplace settings, each artist's effective plan, limit and commission."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from storefront.billing.models import ArtistSubscription, MarketplaceSettings, SubscriptionPlan, SubscriptionStatus


def marketplace_settings() -> MarketplaceSettings:
    """The admins' money rules (created with defaults the first time)."""
    return MarketplaceSettings.load()


def plan_default() -> SubscriptionPlan | None:
    """The plan artists have without a subscription; None when admins defined none (no limits)."""
    return SubscriptionPlan.objects.filter(is_default=True).order_by("pk").first()


def plan_list_offered() -> QuerySet:
    return SubscriptionPlan.objects.filter(is_active=True)


def subscription_get(*, artist) -> ArtistSubscription | None:
    return ArtistSubscription.objects.select_related("plan", "scheduled_plan").filter(artist=artist).first()


def _subscription_plan_at(subscription: ArtistSubscription, now: datetime) -> SubscriptionPlan | None:
    # The renewal job moves artists between plans, but limits and fees must follow the
    # calendar even when it has not run yet: these are the dates it would act on.
    plan = subscription.plan
    end = subscription.current_period_end
    if plan.is_free or end is None:
        return plan
    if now >= end and (subscription.cancel_at_period_end or subscription.scheduled_plan_id):
        return subscription.scheduled_plan if subscription.scheduled_plan_id else plan_default()
    if subscription.status == SubscriptionStatus.PAST_DUE and subscription.grace_until:
        deadline = subscription.grace_until
    else:
        deadline = end + timedelta(days=marketplace_settings().grace_period_days)
    return plan_default() if now >= deadline else plan


def plan_effective(*, artist, now: datetime | None = None) -> SubscriptionPlan | None:
    """The plan whose limits and commission apply to the artist now (None: no plans defined)."""
    subscription = subscription_get(artist=artist)
    if subscription is None:
        return plan_default()
    return _subscription_plan_at(subscription, now or timezone.now())


def commission_rate_for(*, artist, now: datetime | None = None) -> Decimal:
    """The commission (%) on the artist's sales: their plan's own rate, else the marketplace default."""
    plan = plan_effective(artist=artist, now=now)
    if plan is not None and plan.commission_rate is not None:
        return plan.commission_rate
    return marketplace_settings().commission_rate


def listed_works_count(*, artist) -> int:
    """How many of the artist's works are for sale now (public and in stock): what plan limits count."""
    from storefront.catalogue.selectors import artwork_list

    return artwork_list(artist_id=artist.pk, available=True).count()


def subscription_event_list(*, artist) -> QuerySet:
    """The artist's plan history, newest first."""
    from storefront.billing.models import SubscriptionEvent

    return SubscriptionEvent.objects.filter(artist=artist).select_related("from_plan", "to_plan")


def charge_list(*, artist, kind: str) -> QuerySet:
    """The artist's payments of one kind (plan or feature), newest first."""
    from storefront.billing.models import BillingCharge

    return BillingCharge.objects.filter(artist=artist, kind=kind).select_related("payment")


@dataclass(frozen=True)
class RenewalDue:
    """A plan renewal that waits for the artist: overdue (not paid), or its payment waiting for them."""

    subscription: ArtistSubscription
    deadline: datetime
    waiting: object | None = None  # the renewal's BillingCharge whose payment awaits authentication

    @property
    def amount(self) -> Decimal:
        return self.waiting.payment.amount if self.waiting is not None else self.subscription.plan.monthly_price


def renewal_due(*, artist, now: datetime | None = None) -> RenewalDue | None:
    """The artist's renewal to complete before the grace period ends (None: nothing to do)."""
    from storefront.billing.models import BillingCharge, ChargeKind
    from storefront.payment.models import PaymentStatus

    subscription = subscription_get(artist=artist)
    now = now or timezone.now()
    if subscription is None or subscription.plan.is_free or subscription.current_period_end is None or \
            subscription.current_period_end > now or _subscription_plan_at(subscription, now) != subscription.plan:
        return None
    deadline = subscription.grace_until or \
        subscription.current_period_end + timedelta(days=marketplace_settings().grace_period_days)
    waiting = (BillingCharge.objects.select_related("payment")
               .filter(artist=artist, kind=ChargeKind.SUBSCRIPTION, period_start=subscription.current_period_end,
                       payment__status=PaymentStatus.REQUIRES_ACTION).exclude(payment__next_action_url="").first())
    if waiting is None and subscription.status != SubscriptionStatus.PAST_DUE:
        return None
    return RenewalDue(subscription=subscription, deadline=deadline, waiting=waiting)
