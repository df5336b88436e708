"""Billing data: marketplace settings, plans and subscriptions, charges, features, the fee ledger."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from artiqo.core.errors import Conflict
from storefront.catalogue.models import FeatureStatus

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
MONEY = {"max_digits": 12, "decimal_places": 2}
HALF_CENT = models.Value(Decimal("0.005"), output_field=models.DecimalField(max_digits=4, decimal_places=3))


def default_currency() -> str:
    return settings.OSCAR_DEFAULT_CURRENCY


@register_setting(icon="cog", name="marketplace-settings")
class MarketplaceSettings(BaseGenericSetting):
    """The money rules admins set in the CMS (Settings → Marketplace): fee, grace period, feature price."""

    commission_rate = models.DecimalField(
        "Default commission (%)", max_digits=5, decimal_places=2, default=Decimal("15.00"),
        validators=PERCENT_VALIDATORS,
        help_text="Artiqo's share of each sold work's price, in percent (e.g. 15 means 15 %). The buyer pays the "
                  "listed price; the commission comes out of the artist's share. A plan may set its own rate.",
    )
    grace_period_days = models.PositiveSmallIntegerField(
        "Grace period (days)", default=7, validators=[MaxValueValidator(60)],
        help_text="When a subscription renewal fails, how many days the artist keeps their plan while we retry "
                  "the card daily. After that they fall back to the free plan's limits.",
    )
    feature_price_per_day = models.DecimalField(
        "Featured listing price per day", **MONEY, default=Decimal("2.00"), validators=[MinValueValidator(0)],
        help_text="What an artist pays for each day one of their works is featured (shop currency).",
    )
    feature_max_days = models.PositiveSmallIntegerField(
        "Longest featured listing (days)", default=30, validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="The most days an artist can buy at once for one work.",
    )
    home_featured_count = models.PositiveSmallIntegerField(
        "Featured works on the home page", default=8, validators=[MinValueValidator(1), MaxValueValidator(48)],
        help_text="How many featured works the home page's featured section shows.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("commission_rate")], heading="Transaction fee"),
        MultiFieldPanel([FieldPanel("grace_period_days")], heading="Subscriptions"),
        MultiFieldPanel(
            [FieldPanel("feature_price_per_day"), FieldPanel("feature_max_days"), FieldPanel("home_featured_count")],
            heading="Featured listings",
        ),
    ]

    class Meta:
        verbose_name = "Marketplace"


class SubscriptionPlan(models.Model):
    """A plan artists subscribe to: how many works they may list, its monthly price, its commission."""

    name = models.CharField(max_length=60, help_text="Shown to artists, e.g. “Free” or “Pro”.")
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True, help_text="What the plan offers, in a sentence or two.")
    monthly_price = models.DecimalField(
        **MONEY, default=Decimal("0.00"), validators=[MinValueValidator(0)],
        help_text="Charged each month, in the shop's currency. 0 for a free plan.",
    )
    currency = models.CharField(max_length=3, default=default_currency, editable=False)
    max_listed_works = models.PositiveIntegerField(
        "Listed works limit", null=True, blank=True,
        help_text="How many works an artist on this plan can have for sale at once. Leave empty for unlimited.",
    )
    commission_rate = models.DecimalField(
        "Commission (%)", max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT_VALIDATORS,
        help_text="Artiqo's share of each sale for artists on this plan. Leave empty to use the default from "
                  "Settings → Marketplace.",
    )
    highlight_commissions = models.BooleanField(
        "Highlight commission requests", default=False,
        help_text="Show “Open for commissions” prominently on the artist's works and page.",
    )
    is_default = models.BooleanField(
        "Default (free) plan", default=False,
        help_text="The plan every artist has until they subscribe, and falls back to after cancelling or an "
                  "unpaid renewal. Exactly one plan should be the default; it must be free.",
    )
    is_active = models.BooleanField("Offered", default=True, help_text="Artists can choose this plan.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the plans page (lowest first).")

    class Meta:
        ordering = ["position", "monthly_price", "pk"]
        verbose_name = "subscription plan"

    def __str__(self):
        return self.name

    def clean(self):
        if self.is_default and self.monthly_price:
            raise ValidationError({"monthly_price": "The default plan must be free (price 0)."})
        if self.is_default and not self.is_active:
            raise ValidationError({"is_active": "The default plan must be offered."})

    @property
    def is_free(self) -> bool:
        return not self.monthly_price


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAST_DUE = "past_due", "Renewal failed (grace period)"


class ArtistSubscription(models.Model):
    """An artist's current plan and billing period; no row means the default plan."""

    artist = models.OneToOneField("artists.Artist", on_delete=models.CASCADE, related_name="subscription")
    plan = models.ForeignKey(SubscriptionPlan, on_delete=models.PROTECT, related_name="subscriptions")
    status = models.CharField(max_length=10, choices=SubscriptionStatus.choices, default=SubscriptionStatus.ACTIVE)
    current_period_start = models.DateTimeField(null=True, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True, db_index=True)
    cancel_at_period_end = models.BooleanField(default=False)
    scheduled_plan = models.ForeignKey(
        SubscriptionPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The plan the artist moves to when the current period ends (a downgrade).",
    )
    grace_until = models.DateTimeField(null=True, blank=True)
    next_retry_at = models.DateTimeField(null=True, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "artist subscription"

    def __str__(self):
        return f"{self.artist} on {self.plan}"


class SubscriptionEvent(models.Model):
    """One change of an artist's subscription, for their history and the admins' audit."""

    class Kind(models.TextChoices):
        STARTED = "started", "Subscribed"
        UPGRADED = "upgraded", "Upgraded"
        DOWNGRADE_SCHEDULED = "downgrade_scheduled", "Downgrade scheduled"
        DOWNGRADED = "downgraded", "Downgraded"
        CANCELLED = "cancelled", "Cancellation scheduled"
        RESUMED = "resumed", "Cancellation withdrawn"
        ENDED = "ended", "Ended (back to the free plan)"
        RENEWED = "renewed", "Renewed"
        RENEWAL_FAILED = "renewal_failed", "Renewal failed"
        LAPSED = "lapsed", "Lapsed after the grace period"

    artist = models.ForeignKey("artists.Artist", on_delete=models.CASCADE, related_name="subscription_events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_plan = models.ForeignKey(SubscriptionPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_plan = models.ForeignKey(SubscriptionPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=300, blank=True)
    date_created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-date_created", "-pk"]

    def __str__(self):
        return f"{self.artist}: {self.get_kind_display()}"


class ChargeKind(models.TextChoices):
    SUBSCRIPTION = "subscription", "Subscription"
    FEATURE = "feature", "Featured listing"


# The payment purposes billing registers with the payments layer, one per kind of charge.
PAYMENT_PURPOSE_FOR_KIND = {ChargeKind.SUBSCRIPTION: "plan", ChargeKind.FEATURE: "feature"}


class BillingCharge(models.Model):
    """What an artist is charged for: a plan period or a featured listing, and the payment that pays it.

    The money itself (amount, status, gateway, keys, failures, history) is the payment's:
    one `payment.Payment` per charge, like every payment Artiqo starts.
    """

    artist = models.ForeignKey("artists.Artist", on_delete=models.PROTECT, related_name="charges")
    payment = models.OneToOneField("payment.Payment", on_delete=models.PROTECT, related_name="billing_charge")
    kind = models.CharField(max_length=12, choices=ChargeKind.choices)
    purpose = models.CharField(max_length=20, help_text="start, upgrade, renewal, retry or feature")
    request_key = models.CharField(max_length=100, null=True, blank=True,
                                   help_text="The form token that started it (a double submit replays it)")
    plan = models.ForeignKey(SubscriptionPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    feature = models.ForeignKey("billing.FeaturedListing", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="charges")
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date_created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["artist", "request_key"], name="billing_charge_unique_request_key"),
        ]

    def __str__(self):
        return f"{self.description}: {self.payment.get_status_display()}"

    @property
    def description(self) -> str:
        return self.payment.description

    @property
    def is_finished(self) -> bool:
        return self.payment.is_finished


class FeatureSource(models.TextChoices):
    EDITORIAL = "editorial", "Editorial (chosen by Artiqo)"
    PAID = "paid", "Paid by the artist"


class FeaturedListingQuerySet(models.QuerySet):
    def live(self, *, now=None):
        """Features showing right now, as the catalogue defines "featured" (they expire by themselves)."""
        from storefront.catalogue.selectors import feature_live_condition

        return self.filter(feature_live_condition(now=now))


class FeaturedListing(models.Model):
    """A work shown first: on the home page's featured section, first in browse, boosted in search."""

    artwork = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="features",
        help_text="The work to feature. It must be public; sold works drop out of the featured section.",
    )
    source = models.CharField(max_length=10, choices=FeatureSource.choices, default=FeatureSource.EDITORIAL)
    status = models.CharField(max_length=10, choices=FeatureStatus.choices, default=FeatureStatus.ACTIVE,
                              db_index=True)
    starts_at = models.DateTimeField("Starts", default=timezone.now,
                                     help_text="When the work starts being featured.")
    ends_at = models.DateTimeField("Ends", help_text="When the feature ends by itself.")
    label = models.CharField(max_length=40, blank=True,
                             help_text="Optional badge text, e.g. “Editor's pick”. Empty shows “Featured”.")
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Order in the featured section (lowest first); paid features use 100.",
    )
    days = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Days bought (paid features)")
    artist = models.ForeignKey("artists.Artist", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="features_bought", help_text="Who paid for it (paid features)")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    start_announced = models.BooleanField(
        default=False, help_text="The search index was told the feature started (done by `billing_run`).",
    )
    date_created = models.DateTimeField(auto_now_add=True)

    objects = FeaturedListingQuerySet.as_manager()

    class Meta:
        ordering = ["position", "-starts_at", "pk"]
        verbose_name = "featured listing"
        indexes = [models.Index(fields=["artwork", "status", "ends_at"], name="feature_artwork_live")]

    def __str__(self):
        return f"{self.artwork} ({self.get_source_display()}, until {self.ends_at:%Y-%m-%d %H:%M})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})
        if self.artwork_id and not self.artwork.is_public:
            raise ValidationError({"artwork": "Only public works can be featured."})

    @property
    def badge(self) -> str:
        return self.label or "Featured"


class LedgerKind(models.TextChoices):
    SALE = "sale", "Sale"
    REFUND = "refund", "Refund (reversal)"
    SUBSCRIPTION = "subscription", "Subscription"
    FEATURE = "feature", "Featured listing"


class LedgerImmutable(Conflict):
    """The ledger is append-only: entries are never changed or deleted."""

    code = "ledger_immutable"


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerImmutable("Ledger entries are never edited; write a reversing entry instead.")

    def delete(self):
        raise LedgerImmutable("Ledger entries are never deleted; write a reversing entry instead.")


class LedgerEntry(models.Model):
    """One append-only line of the money ledger: a paid order line, its reversal, or a charge to an artist.

    For a sale, `gross` is what the buyer paid for the line, `platform_fee` Artiqo's
    commission and `artist_net` = gross − fee, the artist's share. A refund repeats the
    figures negated. For a subscription or a featured listing the whole amount is Artiqo's
    income (`platform_fee` = gross, `artist_net` = 0).
    """

    kind = models.CharField(max_length=12, choices=LedgerKind.choices, db_index=True)
    artist = models.ForeignKey("artists.Artist", on_delete=models.PROTECT, related_name="ledger_entries")
    order = models.ForeignKey("order.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    line = models.ForeignKey("order.Line", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    charge = models.ForeignKey(BillingCharge, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=100, default="", blank=True,
                                 help_text="Tells apart several refunds of one line")
    description = models.CharField(max_length=255)
    currency = models.CharField(max_length=3)
    gross = models.DecimalField(**MONEY)
    platform_fee = models.DecimalField(**MONEY)
    processing_cost = models.DecimalField(**MONEY, null=True, blank=True,
                                          help_text="The payment provider's fee, when it is known")
    artist_net = models.DecimalField(**MONEY)
    commission_rate = models.DecimalField("Commission (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    booked_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-booked_at", "-pk"]
        verbose_name = "ledger entry"
        verbose_name_plural = "ledger entries"
        constraints = [
            # One sale entry per paid line, one reversal per refunded total: receivers can run twice.
            models.UniqueConstraint(fields=["line", "kind", "reference"], name="ledger_unique_line_entry"),
            models.UniqueConstraint(fields=["charge", "kind"], name="ledger_unique_charge_entry"),
            # net = gross − fee; within half a cent because SQLite does decimal arithmetic in floats.
            models.CheckConstraint(
                condition=Q(artist_net__gte=models.F("gross") - models.F("platform_fee") - HALF_CENT)
                & Q(artist_net__lte=models.F("gross") - models.F("platform_fee") + HALF_CENT),
                name="ledger_net_is_gross_minus_fee",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.gross} {self.currency}: {self.description}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise LedgerImmutable("Ledger entries are never edited; write a reversing entry instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerImmutable("Ledger entries are never deleted; write a reversing entry instead.")
