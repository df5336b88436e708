"""Reads of an artist's earnings: their sales and refunds from the ledger, per line and per month."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from storefront.billing.models import LedgerEntry, LedgerKind

EARNING_KINDS = (LedgerKind.SALE, LedgerKind.REFUND)
ZERO = Decimal("0.00")


def _artist_earnings(artist) -> QuerySet:
    return LedgerEntry.objects.filter(artist=artist, kind__in=EARNING_KINDS)


def earnings_entries(*, artist) -> QuerySet:
    """The artist's sold lines and their reversals, newest first, with order and line (one query)."""
    return _artist_earnings(artist).select_related("order", "line").order_by("-booked_at", "-pk")


def earnings_by_month(*, artist) -> list[dict]:
    """Per month, newest first: sales count, gross, platform fees and the artist's net (one query)."""
    rows = (
        _artist_earnings(artist)
        .annotate(month=TruncMonth("booked_at"))
        .values("month", "currency")
        .annotate(
            sales=Count("pk", filter=Q(kind=LedgerKind.SALE)),
            gross=Sum("gross"),
            fees=Sum("platform_fee"),
            net=Sum("artist_net"),
        )
        .order_by("-month", "currency")
    )
    return [{**row, "month": row["month"].date() if hasattr(row["month"], "date") else row["month"]} for row in rows]


def earnings_totals(*, artist) -> list[dict]:
    """All-time gross, fees and net of the artist's sales after refunds, one row per currency (one query).

    An artist with no sales gets one row of zeros in the shop's currency, so the page still shows totals.
    """
    rows = list(_artist_earnings(artist).values("currency")
                .annotate(gross=Sum("gross"), fees=Sum("platform_fee"), net=Sum("artist_net")).order_by("currency"))
    return rows or [{"currency": settings.OSCAR_DEFAULT_CURRENCY, "gross": ZERO, "fees": ZERO, "net": ZERO}]


def earnings_net_per_order(*, order_ids=None, artist_id: int | None = None) -> dict[tuple[int, int], dict]:
    """Per (order id, artist id): the artist's net after refunds and its currency (one query).

    What the artist is owed for each order, as the payouts app transfers it; pairs with
    no sale booked are absent.
    """
    rows = LedgerEntry.objects.filter(kind__in=EARNING_KINDS, order_id__isnull=False)
    if order_ids is not None:
        rows = rows.filter(order_id__in=list(order_ids))
    if artist_id is not None:
        rows = rows.filter(artist_id=artist_id)
    rows = (rows.values("order_id", "artist_id", "currency")
            .annotate(net=Sum("artist_net"), sales=Count("pk", filter=Q(kind=LedgerKind.SALE))).order_by())
    return {(row["order_id"], row["artist_id"]): {"net": row["net"], "currency": row["currency"]}
            for row in rows if row["sales"]}
