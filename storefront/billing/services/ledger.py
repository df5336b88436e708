"""Writes to the fee ledger: one entry per paid order line, reversals for refunds, artists' charges.

Every writer is idempotent: the ledger's unique constraints turn a second delivery of
the same signal into a no-op, so receivers may run any number of times.
"""
from __future__ import annotations

import logging
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.billing.models import BillingCharge, ChargeKind, LedgerEntry, LedgerKind
from storefront.billing.money import amount_split, fee_compute, money_round, reversal_of_sale

Line = get_model("order", "Line")
logger = logging.getLogger(__name__)
SALE_REFERENCE = ""
BULK_BATCH = 1000
BULK_ORDERS = 900  # orders per read: keeps each IN (...) list within SQLite's bound on parameters


def _entry_add(entry: LedgerEntry) -> LedgerEntry | None:
    """Insert one entry; None if that exact entry is already booked (a repeated delivery)."""
    try:
        with transaction.atomic():
            entry.save()
            return entry
    except IntegrityError:
        if LedgerEntry.objects.filter(**_identity(entry)).exists():
            return None
        raise


def _identity(entry: LedgerEntry) -> dict:
    if entry.charge_id is not None:
        return {"charge_id": entry.charge_id, "kind": entry.kind}
    return {"line_id": entry.line_id, "kind": entry.kind, "reference": entry.reference}


def _order_lines(order_ids: list[int]) -> list:
    return list(Line.objects.filter(order_id__in=order_ids).select_related("order", "partner__artist")
                .order_by("order_id", "pk"))


def _line_artist(line):
    artist = getattr(line.partner, "artist", None) if line.partner_id else None
    if artist is None:
        logger.error("Order %s line %s has no artist: not booked in the ledger", line.order.number, line.pk)
    return artist


def ledger_sale_entry(*, line, artist, commission_rate: Decimal, processing_cost: Decimal | None = None,
                      booked_at: datetime | None = None) -> LedgerEntry:
    """The (unsaved) sale entry of one paid order line: gross, Artiqo's commission, the artist's net.

    The one place a sale's figures are computed: a live payment and a bulk load book the same.
    """
    order = line.order
    gross = money_round(line.line_price_incl_tax, order.currency)
    fee = fee_compute(gross=gross, rate_percent=commission_rate, currency=order.currency)
    return LedgerEntry(
        kind=LedgerKind.SALE, artist_id=artist.pk, order_id=order.pk, line_id=line.pk, reference=SALE_REFERENCE,
        description=f"Order {order.number}: {line.title}"[:255], currency=order.currency,
        gross=gross, platform_fee=fee, processing_cost=processing_cost, artist_net=gross - fee,
        commission_rate=commission_rate, booked_at=booked_at or timezone.now(),
    )


class _Rates(dict):
    """Each artist's commission rate, asked once per booking run."""

    def __missing__(self, artist) -> Decimal:
        from storefront.billing.selectors import commission_rate_for

        rate = self[artist] = commission_rate_for(artist=artist)
        return rate


def ledger_record_order_paid(*, order, processing_cost: Decimal | None = None) -> list[LedgerEntry]:
    """Book each line of a paid order: gross, Artiqo's commission at the artist's rate, the artist's net.

    `processing_cost` (the payment provider's fee for the whole order, when known) is
    spread over the lines in proportion to their price. Returns the entries written now.
    """
    lines = _order_lines([order.pk])
    costs = (amount_split(total=processing_cost, weights=[line.line_price_incl_tax for line in lines],
                          currency=order.currency)
             if processing_cost is not None else [None] * len(lines))
    rates = _Rates()
    written = []
    for line, cost in zip(lines, costs):
        artist = _line_artist(line)
        if artist is None:
            continue
        entry = _entry_add(ledger_sale_entry(line=line, artist=artist, commission_rate=rates[artist],
                                             processing_cost=cost))
        if entry is not None:
            written.append(entry)
    return written


def ledger_record_orders_paid_bulk(*, paid_at: dict[int, datetime]) -> int:
    """Book many paid orders at once (loading history): order id → when it was paid. Returns entries written.

    Lines already booked are skipped; the rest go in with bulk INSERTs, each entry built by
    `ledger_sale_entry` exactly as a live payment's. No processing cost is known here.
    Call it inside a transaction to book all or nothing.
    """
    order_ids = list(paid_at)
    rates = _Rates()
    written = 0
    for start in range(0, len(order_ids), BULK_ORDERS):
        chunk = order_ids[start:start + BULK_ORDERS]
        booked = set(LedgerEntry.objects.filter(order_id__in=chunk, kind=LedgerKind.SALE, reference=SALE_REFERENCE)
                     .values_list("line_id", flat=True))
        entries = [
            ledger_sale_entry(line=line, artist=artist, commission_rate=rates[artist],
                              booked_at=paid_at[line.order_id])
            for line in _order_lines(chunk) if line.pk not in booked and (artist := _line_artist(line)) is not None
        ]
        LedgerEntry.objects.bulk_create(entries, batch_size=BULK_BATCH)
        written += len(entries)
    return written


def ledger_record_refund(*, payment) -> list[LedgerEntry]:
    """Reverse the order's sale entries in proportion to how much of the payment is refunded in all.

    Working from the refunded total (not the latest amount) makes the reversals add up
    to the sale exactly once everything is refunded, whatever the rounding of partial
    refunds, and makes a repeated or late signal write nothing new.
    """
    from storefront.payment.models import Payment

    payment = Payment.objects.select_related("order").get(pk=payment.pk)
    if not payment.order_id or not payment.amount:
        return []  # only order payments have sales to reverse
    refunded = min(payment.amount_refunded, payment.amount)
    currency = payment.currency
    reference = f"payment-{payment.pk}-refunded-{refunded}"
    sales = LedgerEntry.objects.filter(order_id=payment.order_id, kind=LedgerKind.SALE).order_by("pk")
    reversed_so_far = {
        row["line_id"]: row
        for row in LedgerEntry.objects.filter(order_id=payment.order_id, kind=LedgerKind.REFUND)
        .values("line_id").annotate(gross=Sum("gross"), fee=Sum("platform_fee")).order_by()
    }
    written = []
    for sale in sales:
        target_gross, target_fee = reversal_of_sale(gross=sale.gross, fee=sale.platform_fee, refunded=refunded,
                                                    paid=payment.amount, currency=currency)
        done = reversed_so_far.get(sale.line_id, {})
        gross = target_gross + (done.get("gross") or 0)
        fee = target_fee + (done.get("fee") or 0)
        if not gross and not fee:
            continue
        entry = _entry_add(LedgerEntry(
            kind=LedgerKind.REFUND, artist_id=sale.artist_id, order_id=sale.order_id, line_id=sale.line_id,
            reference=reference, description=f"Refund: {sale.description}"[:255], currency=currency,
            gross=-gross, platform_fee=-fee, processing_cost=None, artist_net=-(gross - fee),
            commission_rate=sale.commission_rate,
        ))
        if entry is not None:
            written.append(entry)
    return written


def ledger_record_charge(*, charge: BillingCharge) -> LedgerEntry | None:
    """Book a paid subscription period or featured listing: all of it is Artiqo's income."""
    kind = LedgerKind.SUBSCRIPTION if charge.kind == ChargeKind.SUBSCRIPTION else LedgerKind.FEATURE
    payment = charge.payment
    return _entry_add(LedgerEntry(
        kind=kind, artist_id=charge.artist_id, charge_id=charge.pk, description=payment.description[:255],
        currency=payment.currency, gross=payment.amount, platform_fee=payment.amount, processing_cost=None,
        artist_net=Decimal("0.00"), commission_rate=None, booked_at=payment.date_completed or timezone.now(),
    ))
