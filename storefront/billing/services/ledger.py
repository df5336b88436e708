"""Writes to the fee ledger: one entry per paid order line, reversals for refunds, artists' charges.

Every writer is idempotent: the ledger's unique constraints turn a second delivery of
the same signal into a no-op, so receivers may run any number of times.
"""
from __future__ import annotations

import logging
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.billing.models import BillingCharge, ChargeKind, LedgerEntry, LedgerKind
from storefront.billing.money import amount_split, fee_compute, money_round

Line = get_model("order", "Line")
logger = logging.getLogger(__name__)
SALE_REFERENCE = ""


def _entry_add(**fields) -> LedgerEntry | None:
    """Insert one entry; None if that exact entry is already booked (a repeated delivery)."""
    try:
        with transaction.atomic():
            return LedgerEntry.objects.create(**fields)
    except IntegrityError:
        if LedgerEntry.objects.filter(**_identity(fields)).exists():
            return None
        raise


def _identity(fields: dict) -> dict:
    if fields.get("charge_id") is not None:
        return {"charge_id": fields["charge_id"], "kind": fields["kind"]}
    return {"line_id": fields["line_id"], "kind": fields["kind"], "reference": fields.get("reference", "")}


def ledger_record_order_paid(*, order, processing_cost: Decimal | None = None) -> list[LedgerEntry]:
    """Book each line of a paid order: gross, Artiqo's commission at the artist's rate, the artist's net.

    `processing_cost` (the payment provider's fee for the whole order, when known) is
    spread over the lines in proportion to their price. Returns the entries written now.
    """
    from storefront.billing.selectors import commission_rate_for

    lines = list(Line.objects.filter(order=order).select_related("partner__artist").order_by("pk"))
    costs = (amount_split(total=processing_cost, weights=[line.line_price_incl_tax for line in lines],
                          currency=order.currency)
             if processing_cost is not None else [None] * len(lines))
    rates: dict[int, Decimal] = {}
    written = []
    for line, cost in zip(lines, costs):
        artist = getattr(line.partner, "artist", None) if line.partner_id else None
        if artist is None:
            logger.error("Order %s line %s has no artist: not booked in the ledger", order.number, line.pk)
            continue
        if artist.pk not in rates:
            rates[artist.pk] = commission_rate_for(artist=artist)
        gross = money_round(line.line_price_incl_tax, order.currency)
        fee = fee_compute(gross=gross, rate_percent=rates[artist.pk], currency=order.currency)
        entry = _entry_add(
            kind=LedgerKind.SALE, artist_id=artist.pk, order_id=order.pk, line_id=line.pk, reference=SALE_REFERENCE,
            description=f"Order {order.number}: {line.title}"[:255], currency=order.currency,
            gross=gross, platform_fee=fee, processing_cost=cost, artist_net=gross - fee,
            commission_rate=rates[artist.pk],
        )
        if entry is not None:
            written.append(entry)
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
        target_gross = money_round(sale.gross * refunded / payment.amount, currency)
        target_fee = money_round(sale.platform_fee * refunded / payment.amount, currency)
        done = reversed_so_far.get(sale.line_id, {})
        gross = target_gross + (done.get("gross") or 0)
        fee = target_fee + (done.get("fee") or 0)
        if not gross and not fee:
            continue
        entry = _entry_add(
            kind=LedgerKind.REFUND, artist_id=sale.artist_id, order_id=sale.order_id, line_id=sale.line_id,
            reference=reference, description=f"Refund: {sale.description}"[:255], currency=currency,
            gross=-gross, platform_fee=-fee, processing_cost=None, artist_net=-(gross - fee),
            commission_rate=sale.commission_rate,
        )
        if entry is not None:
            written.append(entry)
    return written


def ledger_record_charge(*, charge: BillingCharge) -> LedgerEntry | None:
    """Book a paid subscription period or featured listing: all of it is Artiqo's income."""
    kind = LedgerKind.SUBSCRIPTION if charge.kind == ChargeKind.SUBSCRIPTION else LedgerKind.FEATURE
    payment = charge.payment
    return _entry_add(
        kind=kind, artist_id=charge.artist_id, charge_id=charge.pk, description=payment.description[:255],
        currency=payment.currency, gross=payment.amount, platform_fee=payment.amount, processing_cost=None,
        artist_net=Decimal("0.00"), commission_rate=None, booked_at=payment.date_completed or timezone.now(),
    )
