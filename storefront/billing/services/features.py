"""Writes to featured listings: artists buy days for a work; listeners hear when features start.

A feature needs no job to end: every reader asks for features whose end is still in the
future. The search index stores each work's "featured until", so it only needs telling
(billing.signals.features_changed) when a feature starts or changes.
"""
from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from storefront.billing.models import BillingCharge, ChargeKind, FeaturedListing, FeatureSource
from storefront.billing.money import money_round
from storefront.billing.services.charges import (
    ChargeInProgress,
    artist_card,
    charge_for_request,
    charge_in_progress,
    charge_refresh,
    charge_start,
    charge_submit,
)
from storefront.billing.services.plans import artist_lock
from storefront.billing.signals import features_changed
from storefront.catalogue.models import FeatureStatus

logger = logging.getLogger(__name__)


def features_changed_send(*, artwork_ids) -> None:
    """Tell the listeners (the search index re-reads the works' boost) that these works' features changed."""
    ids = sorted({pk for pk in artwork_ids if pk})
    if ids:
        features_changed.send(sender=FeaturedListing, artwork_ids=ids)


def feature_price(*, days: int) -> Decimal:
    """What `days` of featuring cost at the admins' price per day, in the shop's currency."""
    from storefront.billing.selectors import marketplace_settings

    return money_round(marketplace_settings().feature_price_per_day * days, settings.OSCAR_DEFAULT_CURRENCY)


def _artwork_for_feature(*, artist, artwork_id: int):
    from storefront.catalogue.selectors import artwork_queryset

    artwork = artwork_queryset(public_only=False).filter(pk=artwork_id, artist=artist).first()
    if artwork is None:
        raise ValidationError({"artwork": "Choose one of your own works."})
    if not artwork.is_public or not artwork.is_available:
        raise ValidationError({"artwork": "Only works that are for sale can be featured."})
    return artwork


def feature_purchase(*, artist, artwork_id: int, days: int, request_key: str | None = None,
                     now: datetime | None = None) -> BillingCharge:
    """Buy `days` of featuring for one of the artist's works; paid now on their saved card.

    Returns the charge (completed, failed, or awaiting card authentication). Raises
    ValidationError for a work that is not theirs or not for sale, or a bad number of
    days, CardRequired when they have saved no card, and ChargeInProgress while another
    feature payment of theirs is running.
    """
    from storefront.billing.selectors import marketplace_settings

    replay = charge_for_request(artist=artist, request_key=request_key)
    if replay is not None:
        return charge_refresh(charge=replay)
    max_days = marketplace_settings().feature_max_days
    if not 1 <= days <= max_days:
        raise ValidationError({"days": f"Choose between 1 and {max_days} days."})
    now = now or timezone.now()
    with transaction.atomic():
        artist_lock(artist)
        artwork = _artwork_for_feature(artist=artist, artwork_id=artwork_id)
        card = artist_card(artist=artist)
        if charge_in_progress(artist=artist, kind=ChargeKind.FEATURE):
            raise ChargeInProgress()
        feature = FeaturedListing.objects.create(
            artwork=artwork, source=FeatureSource.PAID, status=FeatureStatus.PENDING, starts_at=now,
            ends_at=now + timedelta(days=days), days=days, artist=artist, created_by=artist.user,
        )
        charge = charge_start(
            artist=artist, kind=ChargeKind.FEATURE, purpose="feature", amount=feature_price(days=days), card=card,
            description=f"Featured listing: {artwork.title}, {days} days",
            idempotency_key=f"artiqo-feature-{feature.pk}-{request_key or uuid.uuid4().hex}",
            request_key=request_key, feature=feature,
        )
    return charge_submit(charge=charge)


def feature_charge_completed(*, charge: BillingCharge) -> None:
    """The feature is paid (inside the charge's status change): it runs from now for its days.

    Days bought while the work is already featured are added after the current end.
    """
    feature = FeaturedListing.objects.select_for_update().get(pk=charge.feature_id)
    if feature.status != FeatureStatus.PENDING:
        return
    now = timezone.now()
    current_end = (FeaturedListing.objects.live(now=now).filter(artwork_id=feature.artwork_id)
                   .exclude(pk=feature.pk).aggregate(end=Max("ends_at"))["end"])
    feature.status, feature.starts_at = FeatureStatus.ACTIVE, now
    feature.ends_at = max(now, current_end or now) + timedelta(days=feature.days)
    feature.start_announced = True
    # Saving announces the change (billing.receivers), so the search boost starts with the feature.
    feature.save(update_fields=["status", "starts_at", "ends_at", "start_announced"])


def feature_charge_failed(*, charge: BillingCharge) -> None:
    FeaturedListing.objects.filter(pk=charge.feature_id, status=FeatureStatus.PENDING).update(
        status=FeatureStatus.CANCELLED)


def features_start_announce(*, now: datetime | None = None) -> int:
    """Announce scheduled features whose start has come (the search index hears); returns how many."""
    now = now or timezone.now()
    starting = FeaturedListing.objects.filter(status=FeatureStatus.ACTIVE, start_announced=False,
                                              starts_at__lte=now, ends_at__gt=now)
    with transaction.atomic():
        rows = list(starting.select_for_update().values_list("pk", "artwork_id"))
        FeaturedListing.objects.filter(pk__in=[pk for pk, _ in rows]).update(start_announced=True)
        features_changed_send(artwork_ids=[artwork_id for _, artwork_id in rows])
    return len(rows)

