"""The fee ledger: every paid line booked once with Artiqo's commission, refunds reversed, nothing edited."""
from decimal import Decimal

import pytest
from django.db import IntegrityError

from storefront.billing.models import LedgerEntry, LedgerImmutable, LedgerKind
from storefront.billing.services import ledger_record_order_paid, ledger_record_refund, subscription_choose
from storefront.order.signals import order_paid
from tests.factories.billing import make_free_and_pro, make_paid_order, refund, save_card, set_marketplace
from tests.factories.catalogue import make_artwork

pytestmark = pytest.mark.django_db
D = Decimal


def _entries(order, kind=LedgerKind.SALE):
    return list(LedgerEntry.objects.filter(order=order, kind=kind).order_by("line_id"))


def test_a_paid_order_books_each_line_with_the_default_commission_out_of_the_artists_share(
        buyer, artist, other_artist, django_capture_on_commit_callbacks):
    set_marketplace(commission_rate=D("15.00"))
    first = make_artwork(artist, price=D("120.00"))
    second = make_artwork(other_artist, price=D("10.30"))
    order, payment = make_paid_order(buyer, first, second, capture=django_capture_on_commit_callbacks)

    assert payment.amount == D("130.30")  # the buyer pays the listed prices, nothing on top
    sale_one, sale_two = _entries(order)
    assert (sale_one.artist, sale_one.gross, sale_one.platform_fee, sale_one.artist_net) == (
        artist, D("120.00"), D("18.00"), D("102.00"))
    # 15 % of 10.30 is 1.545: half up to 1.55, the artist keeps 8.75.
    assert (sale_two.artist, sale_two.gross, sale_two.platform_fee, sale_two.artist_net) == (
        other_artist, D("10.30"), D("1.55"), D("8.75"))
    assert sale_one.commission_rate == D("15.00") and sale_one.processing_cost is None


def test_an_artists_plan_commission_replaces_the_default(buyer, artist, django_capture_on_commit_callbacks):
    set_marketplace(commission_rate=D("15.00"))
    _, pro = make_free_and_pro()
    save_card(artist.user)
    with django_capture_on_commit_callbacks(execute=True):
        subscription_choose(artist=artist, plan=pro)
    order, _ = make_paid_order(buyer, make_artwork(artist, price=D("99.99")),
                               capture=django_capture_on_commit_callbacks)

    (sale,) = _entries(order)
    assert (sale.platform_fee, sale.artist_net, sale.commission_rate) == (D("8.00"), D("91.99"), D("8.00"))


def test_hearing_the_same_paid_order_twice_books_it_once(buyer, artwork, django_capture_on_commit_callbacks):
    order, _ = make_paid_order(buyer, artwork, capture=django_capture_on_commit_callbacks)
    order_paid.send_robust(sender=type(order), order=order)
    assert ledger_record_order_paid(order=order) == []
    assert LedgerEntry.objects.filter(order=order).count() == 1


def test_a_known_processing_cost_is_spread_over_the_lines(buyer, artist, django_capture_on_commit_callbacks):
    from tests.factories.orders import make_order

    order = make_order(buyer, make_artwork(artist, price=D("100.00")), make_artwork(artist, price=D("200.00")),
                       shipping_method_code="collect")
    entries = ledger_record_order_paid(order=order, processing_cost=D("3.90"))
    assert [entry.processing_cost for entry in entries] == [D("1.30"), D("2.60")]


def test_a_full_refund_writes_reversing_entries_that_cancel_the_sale(buyer, artist, other_artist,
                                                                     django_capture_on_commit_callbacks):
    set_marketplace(commission_rate=D("15.00"))
    order, payment = make_paid_order(buyer, make_artwork(artist, price=D("120.00")),
                                     make_artwork(other_artist, price=D("10.30")),
                                     capture=django_capture_on_commit_callbacks)
    refund(payment, total=D("130.30"), capture=django_capture_on_commit_callbacks)

    reversals = _entries(order, LedgerKind.REFUND)
    assert [(entry.gross, entry.platform_fee, entry.artist_net) for entry in reversals] == [
        (D("-120.00"), D("-18.00"), D("-102.00")), (D("-10.30"), D("-1.55"), D("-8.75"))]
    for field in ("gross", "platform_fee", "artist_net"):
        assert sum(getattr(entry, field) for entry in LedgerEntry.objects.filter(order=order)) == D("0.00")


def test_partial_refunds_reverse_in_proportion_and_add_up_to_the_sale_when_complete(
        buyer, artist, django_capture_on_commit_callbacks):
    set_marketplace(commission_rate=D("15.00"))
    order, payment = make_paid_order(buyer, make_artwork(artist, price=D("10.30")),
                                     capture=django_capture_on_commit_callbacks)
    refund(payment, total=D("5.15"), capture=django_capture_on_commit_callbacks, refund_id="re_1")
    (first,) = _entries(order, LedgerKind.REFUND)
    # Half the payment: half of 10.30 is 5.15; half of the 1.55 fee is 0.775, half up 0.78.
    assert (first.gross, first.platform_fee, first.artist_net) == (D("-5.15"), D("-0.78"), D("-4.37"))

    refund(payment, total=D("10.30"), capture=django_capture_on_commit_callbacks, refund_id="re_2")
    second = _entries(order, LedgerKind.REFUND)[1]
    assert (second.gross, second.platform_fee, second.artist_net) == (D("-5.15"), D("-0.77"), D("-4.38"))
    totals = [sum(getattr(e, f) for e in LedgerEntry.objects.filter(order=order))
              for f in ("gross", "platform_fee", "artist_net")]
    assert totals == [D("0.00"), D("0.00"), D("0.00")]


def test_hearing_a_refund_again_writes_nothing_new(buyer, artwork, django_capture_on_commit_callbacks):
    order, payment = make_paid_order(buyer, artwork, capture=django_capture_on_commit_callbacks)
    refund(payment, total=D("60.00"), capture=django_capture_on_commit_callbacks)
    assert ledger_record_refund(payment=payment) == []
    assert LedgerEntry.objects.filter(order=order, kind=LedgerKind.REFUND).count() == 1


def test_ledger_entries_can_never_be_edited_or_deleted(buyer, artwork, django_capture_on_commit_callbacks):
    order, _ = make_paid_order(buyer, artwork, capture=django_capture_on_commit_callbacks)
    entry = LedgerEntry.objects.get(order=order)
    entry.gross = D("1.00")
    with pytest.raises(LedgerImmutable):
        entry.save()
    with pytest.raises(LedgerImmutable):
        entry.delete()
    with pytest.raises(LedgerImmutable):
        LedgerEntry.objects.filter(pk=entry.pk).update(gross=D("1.00"))
    with pytest.raises(LedgerImmutable):
        LedgerEntry.objects.filter(pk=entry.pk).delete()
    assert LedgerEntry.objects.get(pk=entry.pk).gross == D("120.00")


def test_the_database_refuses_an_entry_whose_net_is_not_gross_minus_fee(artist):
    with pytest.raises(IntegrityError):
        LedgerEntry.objects.create(kind=LedgerKind.SUBSCRIPTION, artist=artist, description="broken", currency="USD",
                                   gross=D("10.00"), platform_fee=D("10.00"), artist_net=D("1.00"))


def test_admins_cannot_add_change_or_delete_ledger_entries_in_either_admin(client, admin_user, buyer, artwork,
                                                                           django_capture_on_commit_callbacks):
    order, _ = make_paid_order(buyer, artwork, capture=django_capture_on_commit_callbacks)
    entry = LedgerEntry.objects.get(order=order)
    client.force_login(admin_user)
    assert client.get("/cms/billing/ledger/").status_code == 200
    assert client.get(f"/cms/billing/ledger/inspect/{entry.pk}/").status_code == 200
    for url in ("/cms/billing/ledger/new/", f"/cms/billing/ledger/edit/{entry.pk}/",
                f"/cms/billing/ledger/delete/{entry.pk}/"):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(f"/cms/billing/ledger/delete/{entry.pk}/").status_code in (302, 403)
    assert client.get("/django-admin/billing/ledgerentry/add/").status_code == 403
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_an_order_line_without_an_artist_is_not_booked_and_is_logged(buyer, artwork, caplog):
    from tests.factories.orders import make_order

    order = make_order(buyer, artwork, shipping_method_code="collect")
    order.lines.update(partner=None)
    assert ledger_record_order_paid(order=order) == []
    assert "has no artist" in caplog.text
