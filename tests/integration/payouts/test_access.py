"""Who sees payouts: the artist their own (page and API), nobody else; admins everything in the CMS and admin."""
from decimal import Decimal

import pytest

from storefront.payouts.models import ConnectedAccount, Transfer, TransferStatus
from tests.factories.api import client_for
from tests.factories.catalogue import make_artwork

pytestmark = pytest.mark.django_db


@pytest.fixture
def transfers(artist, other_artist, paid, ship):
    """One waiting transfer for each artist."""
    mine = paid(make_artwork(artist, title="Mine", price=Decimal("100.00")), shipping="collect")
    theirs = paid(make_artwork(other_artist, title="Theirs", price=Decimal("50.00")), shipping="collect")
    ship(artist, mine)
    ship(other_artist, theirs)
    return Transfer.objects.get(order=mine), Transfer.objects.get(order=theirs)


def test_the_payouts_page_is_the_artists_own(client, artist, buyer, transfers):
    mine, theirs = transfers
    assert client.get("/studio/payouts/")["Location"].startswith("/shop/accounts/login/")
    client.force_login(buyer)
    assert client.get("/studio/payouts/").status_code == 403
    assert client.post("/studio/payouts/onboarding/").status_code == 403
    client.force_login(artist.user)
    page = client.get("/studio/payouts/")
    assert page.status_code == 200
    assert mine.order.number.encode() in page.content and theirs.order.number.encode() not in page.content
    assert b'href="/studio/payouts/" aria-current="page">Payouts' in page.content
    assert client.get("/studio/payouts/onboarding/").status_code == 405
    assert client.post("/studio/payouts/").status_code == 405


def test_the_payouts_api_lists_the_callers_transfers_only(api_client, artist, buyer, transfers):
    mine, theirs = transfers
    assert api_client.get("/api/v1/studio/payouts").status_code == 401
    refused = client_for(buyer).get("/api/v1/studio/payouts")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"
    answer = client_for(artist.user).get("/api/v1/studio/payouts/")
    assert answer.status_code == 200
    body = answer.json()
    assert body["account"] == {"state": "none", "account_id": None, "gateway": None, "payouts_enabled": False,
                               "charges_enabled": False, "details_submitted": False, "date_onboarded": None}
    assert body["test_mode"] is True and body["count"] == 1
    [row] = body["results"]
    assert row["id"] == mine.pk and row["order_number"] == mine.order.number
    assert (row["amount"], row["amount_reversed"], row["currency"], row["status"]) == (
        "85.00", "0.00", mine.currency, TransferStatus.AWAITING_ACCOUNT)
    assert row["date_created"] and row["date_paid"] is None
    assert client_for(artist.user).post("/api/v1/studio/payouts", {}).status_code == 405
    assert client_for(artist.user).get("/api/v1/studio/payouts?page=9").status_code == 404


def test_the_onboarding_refresh_without_an_account_goes_back_to_the_page(client, artist):
    client.force_login(artist.user)
    answer = client.get("/studio/payouts/onboarding/refresh/")
    assert answer.status_code == 302 and answer["Location"] == "/studio/payouts/"
    assert not ConnectedAccount.objects.exists()


def test_admins_see_every_transfer_in_the_cms_and_the_django_admin(client, admin_user, artist, transfers):
    mine, theirs = transfers
    client.force_login(admin_user)
    listing = client.get("/cms/payouts/transfers/")
    assert listing.status_code == 200
    assert mine.order.number.encode() in listing.content and theirs.order.number.encode() in listing.content
    assert client.get(f"/cms/payouts/transfers/inspect/{mine.pk}/").status_code == 200
    assert client.get(f"/cms/payouts/transfers/edit/{mine.pk}/").status_code in (302, 403)
    assert client.get("/cms/payouts/accounts/").status_code == 200
    assert b"Failed transfers" in client.get("/cms/").content
    admin_page = client.get("/django-admin/payouts/transfer/")
    assert admin_page.status_code == 200 and mine.order.number.encode() in admin_page.content
    client.force_login(artist.user)
    assert client.get("/cms/payouts/transfers/").status_code in (302, 403)


def test_an_admin_settles_a_waiting_transfer_from_the_django_admin(client, admin_user, artist, transfers):
    from urllib.parse import urlparse

    from storefront.payment import sandbox
    from storefront.payouts.services import payout_onboarding_start

    mine, _ = transfers
    link = payout_onboarding_start(artist=artist, refresh_url="http://testserver/r", return_url="http://testserver/d")
    account, _ = sandbox.onboarding_account_for_link(token=urlparse(link).path.rstrip("/").rsplit("/", 1)[-1])
    sandbox.account_onboarding_complete(account_id=account.account_id)  # its after-commit sending is not run here
    assert Transfer.objects.get(pk=mine.pk).status == TransferStatus.AWAITING_ACCOUNT
    client.force_login(admin_user)
    answer = client.post("/django-admin/payouts/transfer/", {"action": "settle_now", "_selected_action": [mine.pk]})
    assert answer.status_code == 302
    mine.refresh_from_db()
    assert mine.status == TransferStatus.PAID
    assert mine.history.filter(source="admin", to_status=TransferStatus.PAID).exists()
