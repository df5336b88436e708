"""Artists get paid with the built-in test gateway (what `make run` shows): onboarding, ship, transfer, refunds."""
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.payment.models import SandboxAccount, SandboxTransfer
from storefront.payouts.models import Transfer, TransferStatus
from storefront.payouts.services import payout_onboarding_start
from tests.factories.catalogue import make_artwork
from tests.integration.payouts.conftest import account_of

Line = get_model("order", "Line")
pytestmark = pytest.mark.django_db
# 120.00 at the default 15 % commission.
NET = Decimal("102.00")


def _onboard_in_the_studio(client, artist, commit) -> None:
    """The artist clicks "Set up payouts", completes the test gateway's page and comes back."""
    client.force_login(artist.user)
    page = client.get("/studio/payouts/")
    assert page.status_code == 200 and b"Set up payouts" in page.content
    to_gateway = client.post("/studio/payouts/onboarding/")
    assert to_gateway.status_code == 302
    hosted = urlparse(to_gateway["Location"]).path
    assert hosted.startswith("/shop/test-gateway/onboarding/")
    shown = client.get(hosted)
    assert shown.status_code == 200
    assert f"Test gateway — onboarding for {artist.name}".encode() in shown.content
    with commit():
        back = client.post(hosted)
    assert back.status_code == 302 and back["Location"].endswith("/studio/payouts/?onboarding=done")
    with commit():
        landed = client.get(back["Location"], follow=True)
    assert b"Your payout account is ready" in landed.content


def test_artist_onboards_on_the_test_gateway_sells_ships_and_is_paid_their_net(client, artist, artwork, paid, ship,
                                                                                 commit):
    _onboard_in_the_studio(client, artist, commit)
    account = account_of(artist)
    assert (account.gateway, account.payouts_enabled, account.details_submitted) == ("test", True, True)

    order = paid(artwork)
    assert not Transfer.objects.exists(), "a paid order moves nothing until the artist ships"
    ship(artist, order)

    transfer = Transfer.objects.get(order=order, artist=artist)
    assert (transfer.status, transfer.amount, transfer.currency) == (TransferStatus.PAID, NET, order.currency)
    sent = SandboxTransfer.objects.get(transfer_id=transfer.gateway_transfer_id)
    assert (sent.amount_minor, sent.destination, sent.transfer_group) == (10200, account.account_id, order.number)
    page = client.get("/studio/payouts/")
    assert order.number.encode() in page.content and b"102.00" in page.content and b"Paid" in page.content
    assert list(transfer.history.values_list("to_status", flat=True)) == ["awaiting_account", "pending", "paid"]


def test_an_artist_without_a_payout_account_still_sells_and_is_paid_once_onboarded(client, artist, artwork, paid,
                                                                                    ship, commit):
    order = paid(artwork)
    ship(artist, order)
    transfer = Transfer.objects.get(order=order)
    assert transfer.status == TransferStatus.AWAITING_ACCOUNT and not SandboxTransfer.objects.exists()
    client.force_login(artist.user)
    assert b"Waiting for the artist" in client.get("/studio/payouts/").content

    _onboard_in_the_studio(client, artist, commit)
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PAID
    assert SandboxTransfer.objects.get().amount_minor == 10200


def test_collection_orders_pay_the_artist_when_the_buyer_collects(client, artist, artwork, paid, ship, commit):
    _onboard_in_the_studio(client, artist, commit)
    order = paid(artwork, shipping="collect")
    client.force_login(artist.user)
    assert b"Mark collected and tell the buyer" in client.get("/studio/orders/").content
    ship(artist, order)
    assert Transfer.objects.get(order=order).status == TransferStatus.PAID


def test_an_artist_is_paid_once_all_their_lines_are_shipped_and_each_artist_their_own(
        client, artist, other_artist, paid, ship, commit):
    first, second = make_artwork(artist, title="One"), make_artwork(artist, title="Two")
    theirs = make_artwork(other_artist, title="Theirs", price=Decimal("80.00"))
    _onboard_in_the_studio(client, artist, commit)
    order = paid(first, second, theirs)
    one_line = Line.objects.get(order=order, product=first).pk
    ship(artist, order, only=[one_line])
    assert not Transfer.objects.exists(), "half shipped: nothing moves yet"
    ship(artist, order, only=[Line.objects.get(order=order, product=second).pk])
    ship(other_artist, order)
    mine = Transfer.objects.get(artist=artist)
    assert (mine.amount, mine.status) == (Decimal("204.00"), TransferStatus.PAID)
    others = Transfer.objects.get(artist=other_artist)
    assert (others.amount, others.status) == (Decimal("68.00"), TransferStatus.AWAITING_ACCOUNT)
    assert SandboxTransfer.objects.count() == 1


def test_refund_before_the_transfer_reduces_it_and_a_full_refund_leaves_nothing_to_send(
        client, artist, other_artist, paid, ship, refund, commit):
    _onboard_in_the_studio(client, artist, commit)
    order = paid(make_artwork(artist, price=Decimal("100.00")), shipping="collect")
    refund(order, Decimal("40.00"))
    ship(artist, order)
    # 100 − 15 % = 85 owed; 40 % of the sale refunded: 85 − 34 = 51.
    assert Transfer.objects.get(order=order).amount == Decimal("51.00")
    assert SandboxTransfer.objects.get().amount_minor == 5100

    waiting = paid(make_artwork(other_artist, price=Decimal("100.00")), shipping="collect")
    ship(other_artist, waiting)
    refund(waiting, Decimal("100.00"))
    cancelled = Transfer.objects.get(order=waiting)
    assert (cancelled.status, cancelled.amount) == (TransferStatus.CANCELLED, Decimal("0.00"))

    fully = paid(make_artwork(artist, price=Decimal("60.00")), shipping="collect")
    refund(fully, Decimal("60.00"))
    ship(artist, fully)
    assert not Transfer.objects.filter(order=fully).exists()


def test_refund_after_the_transfer_reverses_the_refunded_share(client, artist, paid, ship, refund, commit):
    _onboard_in_the_studio(client, artist, commit)
    order = paid(make_artwork(artist, price=Decimal("100.00")), shipping="collect")
    ship(artist, order)
    refund(order, Decimal("50.00"))
    transfer = Transfer.objects.get(order=order)
    assert (transfer.status, transfer.amount, transfer.amount_reversed) == (
        TransferStatus.PAID, Decimal("85.00"), Decimal("42.50"))
    assert SandboxTransfer.objects.get().amount_reversed_minor == 4250
    refund(order, Decimal("50.00"))
    transfer.refresh_from_db()
    assert (transfer.status, transfer.amount_reversed) == (TransferStatus.REVERSED, Decimal("85.00"))
    assert SandboxTransfer.objects.get().amount_reversed_minor == 8500


def test_an_expired_onboarding_link_sends_the_artist_for_a_new_one_and_a_used_one_is_gone(client, artist, commit):
    client.force_login(artist.user)
    url = payout_onboarding_start(artist=artist, refresh_url="http://testserver/studio/payouts/onboarding/refresh/",
                                  return_url="http://testserver/studio/payouts/?onboarding=done")
    path = urlparse(url).path
    SandboxAccount.objects.update(link_expires_at=timezone.now())
    expired = client.get(path)
    assert expired.status_code == 302 and expired["Location"].endswith("/studio/payouts/onboarding/refresh/")
    fresh = client.get(expired["Location"])
    assert fresh.status_code == 302 and urlparse(fresh["Location"]).path != path
    with commit():
        client.post(urlparse(fresh["Location"]).path)
    assert client.get(urlparse(fresh["Location"]).path).status_code == 404
    assert client.get("/shop/test-gateway/onboarding/not-a-link/").status_code == 404
