"""The admins' revenue report: per-month income from fees, plans and features, against hand-computed totals."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from storefront.billing.models import LedgerEntry, LedgerKind
from storefront.billing.selectors import revenue_report
from storefront.billing.services import feature_purchase, subscription_choose
from tests.factories.billing import VISA, make_free_and_pro, make_paid_order, refund, save_card, set_marketplace
from tests.factories.catalogue import make_artwork

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def a_month_of_business(buyer, other_buyer, artist, other_artist, django_capture_on_commit_callbacks):
    """Two sales (one order), a third sale refunded in full, a Pro subscription and a paid feature."""
    set_marketplace(commission_rate=D("15.00"), feature_price_per_day=D("2.00"))
    capture = django_capture_on_commit_callbacks
    make_paid_order(buyer, make_artwork(artist, price=D("120.00")), make_artwork(other_artist, price=D("10.30")),
                    capture=capture)
    _, refunded = make_paid_order(other_buyer, make_artwork(other_artist, price=D("200.00")), capture=capture)
    refund(refunded, total=D("200.00"), capture=capture)
    _, pro = make_free_and_pro()
    save_card(artist.user, VISA)
    subscription_choose(artist=artist, plan=pro)
    save_card(other_artist.user, VISA)
    feature_purchase(artist=other_artist, artwork_id=make_artwork(other_artist).pk, days=5)


def test_the_months_figures_match_the_hand_computed_totals(a_month_of_business, artist, other_artist):
    report = revenue_report()
    month = report.months[timezone.localdate().month - 1]
    assert (month.sales_count, month.sales_gross, month.refunds_gross) == (3, D("330.30"), D("-200.00"))
    # Commission: 18.00 + 1.55 + 30.00 = 49.55, of which 30.00 was refunded.
    assert (month.fees, month.fees_reversed, month.net_fees) == (D("49.55"), D("-30.00"), D("19.55"))
    assert (month.subscriptions, month.subscriptions_count) == (D("12.00"), 1)
    assert (month.features, month.features_count) == (D("10.00"), 1)
    assert month.income == D("41.55")
    assert month.artist_net == D("110.75")  # 102.00 + 8.75 + 170.00 − 170.00
    assert report.total.income == D("41.55")
    assert sum(row.income for row in report.months) == report.total.income
    assert [(row.name, row.sales_count, row.gross, row.fees, row.artist_net) for row in report.top_artists] == [
        (artist.name, 1, D("120.00"), D("18.00"), D("102.00")),
        (other_artist.name, 2, D("10.30"), D("1.55"), D("8.75")),
    ]
    assert [(row.status, row.count, row.amount) for row in report.order_statuses] == [("Paid", 2, D("330.30"))]
    # Every payment Artiqo started, by what it was for: orders, the artist's plan and feature.
    assert [(row.purpose, row.status, row.count, row.amount) for row in report.payment_statuses] == [
        ("feature", "completed", 1, D("10.00")), ("order", "completed", 1, D("130.30")),
        ("order", "refunded", 1, D("200.00")), ("plan", "completed", 1, D("12.00"))]


def test_the_report_agrees_with_the_ledger_to_the_cent(a_month_of_business):
    report = revenue_report()
    entries = LedgerEntry.objects.all()
    assert report.total.net_fees == sum(
        e.platform_fee for e in entries if e.kind in (LedgerKind.SALE, LedgerKind.REFUND)
    )
    assert report.total.income == sum(e.platform_fee for e in entries)
    assert report.total.artist_net == sum(e.artist_net for e in entries)


def _entry(artist, kind, when, gross, fee):
    return LedgerEntry.objects.create(kind=kind, artist=artist, description="earlier", currency="USD", gross=gross,
                                      platform_fee=fee, artist_net=gross - fee, booked_at=when)


def test_entries_fall_in_the_month_and_year_they_were_booked(artist):
    utc = dt.UTC
    _entry(artist, LedgerKind.SALE, dt.datetime(2025, 3, 31, 23, 59, tzinfo=utc), D("50.00"), D("7.50"))
    _entry(artist, LedgerKind.SUBSCRIPTION, dt.datetime(2025, 4, 1, 0, 0, tzinfo=utc), D("12.00"), D("12.00"))
    _entry(artist, LedgerKind.FEATURE, dt.datetime(2026, 1, 1, 0, 0, tzinfo=utc), D("4.00"), D("4.00"))
    report = revenue_report(year=2025, currency="USD")
    assert [(row.month.month, row.income) for row in report.months if row.income] == [(3, D("7.50")), (4, D("12.00"))]
    assert report.total.income == D("19.50")
    assert 2025 in report.years


def test_the_report_costs_the_same_queries_however_much_was_sold(artist, django_assert_max_num_queries):
    now = timezone.now()
    for _ in range(40):
        _entry(artist, LedgerKind.SALE, now, D("10.00"), D("1.50"))
    with django_assert_max_num_queries(7):
        revenue_report()


def test_admins_open_the_revenue_page_others_are_refused(client, admin_user, buyer, a_month_of_business):
    client.force_login(buyer)
    assert client.get("/cms/billing/revenue/").status_code in (302, 403)
    client.force_login(admin_user)
    response = client.get("/cms/billing/revenue/")
    assert response.status_code == 200
    assert "41.55" in response.content.decode()
    assert client.get("/cms/billing/revenue/?year=abc").status_code == 400
    assert client.get("/cms/billing/revenue/?currency=%3Cscript%3E").status_code == 400
    assert client.get("/cms/").status_code == 200  # the Monetisation menu renders
