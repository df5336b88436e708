"""The admins' revenue report: fees, subscriptions and featured-listing income per month, from the ledger.

Every money figure is a sum over ledger entries, so the report agrees with the ledger
exactly; order and payment statuses come from the orders and payments themselves.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.billing.models import LedgerEntry, LedgerKind

ZERO = Decimal("0.00")
TOP_ARTISTS = 10


@dataclass
class MonthRevenue:
    """One month of the report (or the year's total when `month` is None)."""

    month: dt.date | None
    sales_count: int = 0
    sales_gross: Decimal = ZERO
    refunds_gross: Decimal = ZERO
    fees: Decimal = ZERO
    fees_reversed: Decimal = ZERO
    processing_costs: Decimal = ZERO
    artist_net: Decimal = ZERO
    subscriptions: Decimal = ZERO
    subscriptions_count: int = 0
    features: Decimal = ZERO
    features_count: int = 0

    @property
    def net_fees(self) -> Decimal:
        return self.fees + self.fees_reversed

    @property
    def income(self) -> Decimal:
        """Artiqo's income: commissions after refunds, plus subscriptions and featured listings."""
        return self.net_fees + self.subscriptions + self.features

    @property
    def income_after_processing(self) -> Decimal:
        return self.income - self.processing_costs

    def add(self, row: dict) -> None:
        kind, count = row["kind"], row["count"]
        gross, fee = row["gross"] or ZERO, row["fee"] or ZERO
        self.processing_costs += row["cost"] or ZERO
        if kind == LedgerKind.SALE:
            self.sales_count += count
            self.sales_gross += gross
            self.fees += fee
            self.artist_net += row["net"] or ZERO
        elif kind == LedgerKind.REFUND:
            self.refunds_gross += gross
            self.fees_reversed += fee
            self.artist_net += row["net"] or ZERO
        elif kind == LedgerKind.SUBSCRIPTION:
            self.subscriptions += fee
            self.subscriptions_count += count
        elif kind == LedgerKind.FEATURE:
            self.features += fee
            self.features_count += count


@dataclass(frozen=True)
class ArtistRevenue:
    artist_id: int
    name: str
    sales_count: int
    gross: Decimal
    fees: Decimal
    artist_net: Decimal


@dataclass(frozen=True)
class StatusCount:
    status: str
    count: int
    amount: Decimal
    purpose: str = ""  # payments only: what they were for (order, plan, feature)


@dataclass
class RevenueReport:
    year: int
    currency: str
    months: list[MonthRevenue]
    total: MonthRevenue
    top_artists: list[ArtistRevenue]
    order_statuses: list[StatusCount]
    payment_statuses: list[StatusCount]
    years: list[int] = field(default_factory=list)
    currencies: list[str] = field(default_factory=list)


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _months(entries, year: int) -> tuple[list[MonthRevenue], MonthRevenue]:
    months = {month: MonthRevenue(month=dt.date(year, month, 1)) for month in range(1, 13)}
    total = MonthRevenue(month=None)
    rows = (
        entries.annotate(month=TruncMonth("booked_at"))
        .values("month", "kind")
        .annotate(count=Count("pk"), gross=Sum("gross"), fee=Sum("platform_fee"), cost=Sum("processing_cost"),
                  net=Sum("artist_net"))
        .order_by("month", "kind")
    )
    for row in rows:
        months[_as_date(row["month"]).month].add(row)
        total.add(row)
    return list(months.values()), total


def _top_artists(entries) -> list[ArtistRevenue]:
    rows = (
        entries.filter(kind__in=(LedgerKind.SALE, LedgerKind.REFUND))
        .values("artist_id", "artist__name")
        .annotate(sales=Count("pk", filter=Q(kind=LedgerKind.SALE)), gross=Sum("gross"), fee=Sum("platform_fee"),
                  net=Sum("artist_net"))
        .order_by("-gross", "artist__name")[:TOP_ARTISTS]
    )
    return [ArtistRevenue(artist_id=row["artist_id"], name=row["artist__name"], sales_count=row["sales"],
                          gross=row["gross"], fees=row["fee"], artist_net=row["net"]) for row in rows]


def _status_counts(queryset, *, date_field: str, amount_field: str, start, end,
                   by: tuple[str, ...] = ()) -> list[StatusCount]:
    rows = (
        queryset.filter(**{f"{date_field}__gte": start, f"{date_field}__lt": end})
        .values(*by, "status")
        .annotate(count=Count("pk"), amount=Sum(amount_field))
        .order_by(*by, "status")
    )
    return [StatusCount(status=row["status"], count=row["count"], amount=row["amount"] or ZERO,
                        purpose=row.get("purpose", "")) for row in rows]


def revenue_report(*, year: int | None = None, currency: str | None = None) -> RevenueReport:
    """The year's revenue per month in one currency, its top artists, order and payment statuses."""
    from storefront.payment.models import Payment

    Order = get_model("order", "Order")
    year = year or timezone.localdate().year
    currency = currency or settings.OSCAR_DEFAULT_CURRENCY
    start, end = _year_bounds(year)
    entries = LedgerEntry.objects.filter(booked_at__gte=start, booked_at__lt=end, currency=currency)
    months, total = _months(entries, year)
    first_booked = LedgerEntry.objects.order_by("booked_at").values_list("booked_at", flat=True).first()
    first_year = min(timezone.localtime(first_booked).year, year) if first_booked else year
    years = list(range(first_year, max(year, timezone.localdate().year) + 1))
    return RevenueReport(
        year=year,
        currency=currency,
        months=months,
        total=total,
        top_artists=_top_artists(entries),
        order_statuses=_status_counts(Order.objects.filter(currency=currency), date_field="date_placed",
                                      amount_field="total_incl_tax", start=start, end=end),
        payment_statuses=_status_counts(Payment.objects.filter(currency=currency), date_field="date_created",
                                        amount_field="amount", start=start, end=end, by=("purpose",)),
        years=years,
        currencies=sorted(set(LedgerEntry.objects.values_list("currency", flat=True).distinct()) | {currency}),
    )
