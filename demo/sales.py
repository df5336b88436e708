"""Books the demo's paid orders as the sales they stand for: payments and the fee ledger.

A buyer paying by card in test mode leaves a completed Payment of the test gateway (with
its history, the test gateway's PaymentIntent and Oscar's payment source and debit) and
one ledger entry per line with Artiqo's commission. The demo writes the same rows, in
bulk (the large demo has 100,000 lines), dated when each order was placed; the ledger
entries are built by billing's `ledger_sale_entry`, the function a live payment uses.

Orders already booked are skipped, so this also books demo data loaded before it existed.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from oscar.core.loading import get_model

from artists.services import certificates_issue_bulk
from demo.plan import demo_key_prefix
from storefront.billing.models import LedgerEntry, LedgerKind
from storefront.billing.services import ledger_record_orders_paid_bulk
from storefront.order import statuses
from storefront.payment import sandbox
from storefront.payment.cards import card_for_token
from storefront.payment.gateway import amount_to_minor
from storefront.payment.models import Payment, PaymentChange, PaymentStatus, SandboxIntent
from storefront.payment.services import GATEWAY_NAMES

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Transaction = get_model("payment", "Transaction")

CHUNK = 900  # orders per transaction; also keeps each IN (...) list within SQLite's bound
CARD = "pm_card_visa"
NUMBER_SLOT = "ORDER-NUMBER"


@dataclass(frozen=True)
class SalesBooked:
    payments: int
    ledger_entries: int


def _paid_orders(seed: int):
    return Order.objects.filter(number__startswith=demo_key_prefix(seed), status__in=statuses.SOLD)


def sales_book(*, seed: int, progress: Callable[[int], None] = lambda done: None) -> SalesBooked:
    """Give every paid demo order of `seed` its completed payment and its ledger entries, if missing."""
    unpaid = list(_paid_orders(seed).exclude(Exists(Payment.objects.filter(order=OuterRef("pk"))))
                  .order_by("pk").values_list("pk", "number", "total_incl_tax", "currency"))
    for start in range(0, len(unpaid), CHUNK):
        with transaction.atomic():
            _payments_insert(unpaid[start:start + CHUNK])
        progress(min(start + CHUNK, len(unpaid)))
    unbooked = list(_paid_orders(seed).exclude(
        Exists(LedgerEntry.objects.filter(order_id=OuterRef("pk"), kind=LedgerKind.SALE))
    ).order_by("pk").values_list("pk", "date_placed"))
    with transaction.atomic():
        entries = ledger_record_orders_paid_bulk(paid_at=dict(unbooked))
    return SalesBooked(payments=len(unpaid), ledger_entries=entries)


def _payments_insert(chunk: list[tuple[int, str, Decimal, str]]) -> None:
    card = card_for_token(CARD)
    # One reverse() for the chunk (it is slow): the URL of a placeholder number, filled in per order.
    return_url = settings.SITE_URL.rstrip("/") + reverse("checkout:payment-return", args=[NUMBER_SLOT])
    payments = Payment.objects.bulk_create([
        Payment(order_id=order_id, attempt=1, gateway=sandbox.NAME, status=PaymentStatus.COMPLETED, amount=total,
                currency=currency, payment_method=CARD, idempotency_prefix=f"artiqo-order-{number}-attempt-1",
                request_fingerprint="", intent_id=f"pi_test_demo_{number.lower()}", card_brand=card.brand,
                card_last4=card.number[-4:], return_url=return_url.replace(NUMBER_SLOT, number))
        for order_id, number, total, currency in chunk
    ])
    numbers = {order_id: number for order_id, number, _, _ in chunk}
    SandboxIntent.objects.bulk_create([
        SandboxIntent(intent_id=payment.intent_id, amount_minor=amount_to_minor(payment.amount, payment.currency),
                      currency=payment.currency, payment_method=CARD, status="succeeded",
                      metadata={"order_number": numbers[payment.order_id], "payment_id": str(payment.pk),
                                "attempt": "1", "return_url": payment.return_url})
        for payment in payments
    ])
    PaymentChange.objects.bulk_create([
        change
        for payment in payments
        for change in (
            PaymentChange(payment=payment, to_status=PaymentStatus.PENDING, source="checkout",
                          reason=f"Attempt 1 started with {GATEWAY_NAMES[sandbox.NAME]}"),
            PaymentChange(payment=payment, from_status=PaymentStatus.PENDING, to_status=PaymentStatus.COMPLETED,
                          source="checkout", stripe_object_id=payment.intent_id,
                          reason=f"Payment succeeded ({card.brand} ending {card.number[-4:]})"),
        )
    ])
    source_type, _ = SourceType.objects.get_or_create(code=sandbox.NAME,
                                                      defaults={"name": GATEWAY_NAMES[sandbox.NAME]})
    sources = Source.objects.bulk_create([
        Source(order_id=payment.order_id, source_type=source_type, currency=payment.currency,
               amount_allocated=payment.amount, amount_debited=payment.amount, reference=payment.intent_id,
               label="Payment attempt 1")
        for payment in payments
    ])
    Transaction.objects.bulk_create([
        Transaction(source=source, txn_type=Transaction.DEBIT, amount=source.amount_debited, reference=source.reference)
        for source in sources
    ])
    _dates_from_orders(payment_ids=[payment.pk for payment in payments], source_ids=[source.pk for source in sources])


def _dates_from_orders(*, payment_ids: list[int], source_ids: list[int]) -> None:
    """The rows above were stamped now (auto_now_add): date them when their order was paid, as live ones are."""
    placed = Subquery(Order.objects.filter(pk=OuterRef("order_id")).values("date_placed")[:1])
    Payment.objects.filter(pk__in=payment_ids).update(date_created=placed, date_updated=placed)
    PaymentChange.objects.filter(payment_id__in=payment_ids).update(
        date_created=Subquery(Order.objects.filter(payments=OuterRef("payment_id")).values("date_placed")[:1]))
    Transaction.objects.filter(source_id__in=source_ids).update(
        date_created=Subquery(Order.objects.filter(sources=OuterRef("source_id")).values("date_placed")[:1]))


def certificates_book(*, seed: int) -> int:
    """Certificates of authenticity for the demo's sold works that have none yet, numbered in sale order."""
    return certificates_issue_bulk(order_ids=_paid_orders(seed).values_list("pk", flat=True))
