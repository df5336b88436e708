"""The demo's paid orders are real sales: test-gateway payments, booked in the fee ledger, and the books agree."""
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from oscar.core.loading import get_model

from demo.loader import demo_sales_ensure
from demo.sales import SalesBooked, sales_book
from storefront.billing.models import LedgerEntry, LedgerKind
from storefront.billing.money import fee_compute
from storefront.billing.selectors import marketplace_settings, revenue_report
from storefront.billing.services import ledger_record_refund
from storefront.order import statuses
from storefront.payment import sandbox
from storefront.payment.models import Payment, PaymentStatus, SandboxIntent
from tests.factories.demo import demo_build

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Source = get_model("payment", "Source")

pytestmark = pytest.mark.django_db
PREFIX = "DEMO-7-"


@pytest.fixture
def demo():
    demo_build()
    paid = Order.objects.filter(number__startswith=PREFIX, status__in=statuses.SOLD)
    assert paid.count() >= 5
    return paid


def _reconcile() -> str:
    out = io.StringIO()
    call_command("reconcile_payments", stdout=out)
    return out.getvalue()


def _reconcile_failing() -> str:
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"disagreement\(s\) with the payments \(checked: ledger"):
        call_command("reconcile_payments", stdout=out)
    return out.getvalue()


def _raw_ledger_sql(sql: str, params: list) -> None:
    """What the app never does (entries are append-only): change the ledger behind its back."""
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=LedgerEntry._meta.db_table), params)


def test_every_paid_demo_order_was_paid_by_card_through_the_test_gateway(demo):
    for order in demo.prefetch_related("payments", "sources__transactions"):
        (payment,) = order.payments.all()
        assert (payment.status, payment.gateway, payment.amount, payment.card_last4) == (
            PaymentStatus.COMPLETED, sandbox.NAME, order.total_incl_tax, "4242")
        assert payment.date_created == order.date_placed
        assert [change.to_status for change in payment.history.all()] == [PaymentStatus.PENDING,
                                                                           PaymentStatus.COMPLETED]
        intent = SandboxIntent.objects.get(intent_id=payment.intent_id)
        assert (intent.status, intent.amount_minor) == ("succeeded", int(order.total_incl_tax * 100))
        (source,) = order.sources.all()
        assert source.amount_debited == order.total_incl_tax
        assert [txn.txn_type for txn in source.transactions.all()] == ["Debit"]
    unpaid = Order.objects.filter(number__startswith=PREFIX).exclude(status__in=statuses.SOLD)
    assert not Payment.objects.filter(order__in=unpaid).exists()
    assert sales_book(seed=7) == SalesBooked(payments=0, ledger_entries=0)  # a second run books nothing


def test_demo_data_loaded_before_its_sales_were_booked_gets_them_on_the_next_setup(demo):
    _raw_ledger_sql("DELETE FROM {table}", [])
    Source.objects.all().delete()
    Payment.objects.all().delete()
    SandboxIntent.objects.all().delete()
    booked = demo_sales_ensure()
    assert booked == SalesBooked(payments=demo.count(), ledger_entries=Line.objects.filter(order__in=demo).count())
    assert "The books agree" in _reconcile()


def test_the_revenue_report_adds_up_to_the_demos_paid_lines_and_their_commission(demo):
    lines = list(Line.objects.filter(order__in=demo).select_related("order"))
    rate = marketplace_settings().commission_rate
    gross = sum((line.line_price_incl_tax for line in lines), Decimal("0"))
    fees = sum((fee_compute(gross=line.line_price_incl_tax, rate_percent=rate, currency=line.order.currency)
                for line in lines), Decimal("0"))
    years = revenue_report().years
    totals = [revenue_report(year=year).total for year in years]
    assert sum(total.sales_count for total in totals) == len(lines) == LedgerEntry.objects.count()
    assert sum(total.sales_gross for total in totals) == gross > 0
    assert sum(total.fees for total in totals) == fees > 0
    assert sum(total.artist_net for total in totals) == gross - fees
    # Booked when each order was paid (placed, for the demo), so the months show the history.
    first = LedgerEntry.objects.filter(order=demo.order_by("date_placed").first()).first()
    assert first.booked_at == first.order.date_placed


def test_reconciling_the_demo_finds_the_books_in_agreement(demo):
    assert "The books agree with the payments (checked: ledger" in _reconcile()


def test_a_sale_changed_behind_the_ledgers_back_is_reported(demo):
    order = demo.order_by("number").first()
    sale = LedgerEntry.objects.filter(order=order, kind=LedgerKind.SALE).first()
    _raw_ledger_sql("UPDATE {table} SET gross = gross + 10, artist_net = artist_net + 10 WHERE id = %s", [sale.pk])
    output = _reconcile_failing()
    assert f"[ledger] order {order.number}: the fee ledger books" in output
    assert "whose commission is not their gross at their rate" in output


def test_a_paid_order_missing_from_the_ledger_is_reported(demo):
    order = demo.order_by("number").last()
    _raw_ledger_sql("DELETE FROM {table} WHERE order_id = %s", [order.pk])
    assert f"[ledger] order {order.number}: paid, but none of its sales is in the fee ledger" in _reconcile_failing()


def test_a_refund_the_ledger_did_not_reverse_is_reported_until_it_is_booked(demo):
    payment = Payment.objects.filter(order__in=demo).order_by("pk").first()
    Payment.objects.filter(pk=payment.pk).update(amount_refunded=payment.amount)  # as if the signal got lost
    assert f"[ledger] payment {payment.pk} (order {payment.order.number}): {payment.amount} USD refunded; " \
           "the fee ledger reverses 0.00 USD of its sales" in _reconcile_failing()
    ledger_record_refund(payment=payment)
    assert "The books agree" in _reconcile()
