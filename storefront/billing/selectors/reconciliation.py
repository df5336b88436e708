"""Does the fee ledger tell the truth? Its disagreements with the orders and payments.

Registered with the payments' reconciliation (storefront/payment/reconciliation.py) in
BillingConfig.ready(), so `manage.py reconcile_payments` reports them. Checked:

- every paid order (paid, shipped, complete or refunded) has its sales in the ledger (the
  booking runs right after the payment's commit, so payments of the last SETTLE_TIME are
  given time), and the ledger's sales of an order add up to its lines; no other order has
  sales booked;
- each sale's commission is its gross at its rate, and the artist's net is the rest;
- a payment's refunds are reversed in the ledger as `ledger_record_refund` books them,
  and nothing is reversed that no payment refunded.

A constant number of grouped queries plus one pass over the sale entries, whatever the size.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.billing.models import LedgerEntry, LedgerKind
from storefront.billing.money import fee_compute, money_round, reversal_of_sale
from storefront.order import statuses
from storefront.payment.models import Payment, PaymentStatus
from storefront.payment.reconciliation import Disagreement

CHECK = "ledger"
# Orders the buyer paid for; a refunded one keeps its sales next to their reversals.
PAID_STATUSES = (*statuses.SOLD, statuses.REFUNDED)
ZERO = Decimal("0.00")
SETTLE_TIME = timedelta(minutes=5)


def ledger_disagreement_list() -> list[Disagreement]:
    """Where the fee ledger disagrees with the orders and payments (empty when it tells the truth)."""
    return [*_sales_disagreements(), *_refund_disagreements()]


def _disagreement(subject: str, message: str) -> Disagreement:
    return Disagreement(check=CHECK, subject=subject, message=message)


def _money(amount: Decimal, currency: str) -> str:
    return f"{money_round(amount, currency)} {currency}"


def _sums_by_order(queryset, field: str) -> dict[int, Decimal]:
    return dict(queryset.values("order_id").annotate(total=Sum(field)).order_by().values_list("order_id", "total"))


def _sales_disagreements() -> list[Disagreement]:
    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    paid = Order.objects.filter(status__in=PAID_STATUSES)
    orders = {pk: (number, currency) for pk, number, currency in paid.values_list("pk", "number", "currency")}
    lines = _sums_by_order(Line.objects.filter(order__in=paid), "line_price_incl_tax")
    sales = LedgerEntry.objects.filter(kind=LedgerKind.SALE)
    booked = _sums_by_order(sales, "gross")
    just_paid = set(Payment.objects.filter(status=PaymentStatus.COMPLETED,
                                           date_updated__gte=timezone.now() - SETTLE_TIME)
                    .values_list("order_id", flat=True))
    found = []
    for order_id, (number, currency) in sorted(orders.items(), key=lambda item: item[1]):
        lines_total, booked_total = lines.get(order_id, ZERO), booked.get(order_id)
        if booked_total is None:
            if order_id not in just_paid:
                found.append(_disagreement(f"order {number}", f"paid, but none of its sales is in the fee ledger "
                                                              f"(its lines total {_money(lines_total, currency)})"))
        elif booked_total != lines_total:
            found.append(_disagreement(f"order {number}", f"the fee ledger books {_money(booked_total, currency)} "
                                                          f"of sales, its lines total {_money(lines_total, currency)}"))
    unpaid = Order.objects.filter(pk__in=booked.keys() - orders.keys())
    found += [_disagreement(f"order {number}", f"sales are booked in the fee ledger, but the order is {status}")
              for number, status in unpaid.order_by("number").values_list("number", "status")]
    wrong = Counter(order_id for order_id, gross, fee, net, rate, currency in sales.values_list(
        "order_id", "gross", "platform_fee", "artist_net", "commission_rate", "currency").iterator(chunk_size=5000)
        if rate is None or fee != fee_compute(gross=gross, rate_percent=rate, currency=currency) or net != gross - fee)
    named = dict(Order.objects.filter(pk__in=wrong).values_list("pk", "number"))
    found += [_disagreement(f"order {named[order_id]}", f"{count} sale(s) in the fee ledger whose commission is not "
                                                        "their gross at their rate, or whose net is not the rest")
              for order_id, count in sorted(wrong.items())]
    return found


def _refund_disagreements() -> list[Disagreement]:
    refunded_payments = defaultdict(list)
    for payment in Payment.objects.filter(amount_refunded__gt=0).select_related("order").order_by("pk"):
        refunded_payments[payment.order_id].append(payment)
    reversed_by_order = _sums_by_order(LedgerEntry.objects.filter(kind=LedgerKind.REFUND), "gross")
    sales = defaultdict(list)
    for order_id, gross, fee, currency in LedgerEntry.objects.filter(
            kind=LedgerKind.SALE, order_id__in=refunded_payments).values_list(
            "order_id", "gross", "platform_fee", "currency"):
        sales[order_id].append((gross, fee, currency))
    found = []
    for order_id, payments in refunded_payments.items():
        if not sales[order_id]:
            continue  # never a sale (e.g. refunded because the work had been sold meanwhile): nothing to reverse
        number = payments[0].order.number
        if len(payments) > 1:
            found.append(_disagreement(f"order {number}", f"{len(payments)} of its payments were refunded; the fee "
                                                          "ledger reverses one order's sales once: check by hand"))
            continue
        (payment,) = payments
        refunded = min(payment.amount_refunded, payment.amount)
        expected = sum((reversal_of_sale(gross=gross, fee=fee, refunded=refunded, paid=payment.amount,
                                         currency=currency)[0] for gross, fee, currency in sales[order_id]), ZERO)
        reversed_total = ZERO - reversed_by_order.get(order_id, ZERO)
        if reversed_total != expected:
            found.append(_disagreement(
                f"payment {payment.pk} (order {number})",
                f"{_money(refunded, payment.currency)} refunded; the fee ledger reverses "
                f"{_money(reversed_total, payment.currency)} of its sales, "
                f"{_money(expected, payment.currency)} expected"))
    Order = get_model("order", "Order")
    unexplained = Order.objects.filter(pk__in=reversed_by_order.keys() - refunded_payments.keys())
    found += [_disagreement(f"order {number}", "the fee ledger reverses sales that no payment refunded")
              for number in unexplained.order_by("number").values_list("number", flat=True)]
    return found
