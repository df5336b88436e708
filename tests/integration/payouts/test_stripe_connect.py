"""Artists get paid through Stripe Connect (the local fake Stripe): Express onboarding, transfers, reversals,
signed webhooks in any order and any number of times, and refusals of what is not the artist's."""
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from storefront.payouts.models import ConnectedAccount, Transfer, TransferChange, TransferStatus
from storefront.payouts.selectors import transfer_ledger_differences
from storefront.payouts.services import payout_onboarding_start
from tests.factories.catalogue import make_artwork
from tests.integration.payouts.conftest import account_of

pytestmark = pytest.mark.django_db
PRICE = Decimal("100.00")  # the artist's net at the default 15 %: 85.00


def _onboarded(client, fake, artist, deliver, *, complete: bool = True) -> ConnectedAccount:
    """The artist starts onboarding in the studio, fills in Stripe's hosted pages, Stripe tells the webhook."""
    client.force_login(artist.user)
    to_stripe = client.post("/studio/payouts/onboarding/")
    assert to_stripe.status_code == 302 and to_stripe["Location"].startswith(f"{fake.url}/fake/connect/onboarding/")
    account = account_of(artist)
    created = fake.state.of("accounts")[account.account_id]
    assert (created["type"], created["metadata"], created["requested_capabilities"]) == (
        "express", {"artist_id": str(artist.pk)}, ["transfers"])
    link = fake.state.of("account_links")[to_stripe["Location"]]
    assert link["refresh_url"] == "http://testserver/studio/payouts/onboarding/refresh/"
    assert link["return_url"] == "http://testserver/studio/payouts/?onboarding=done"
    fake.onboard(account.account_id, complete=complete)
    outcome = deliver(fake, fake.account_events(account.account_id)[-1])
    assert outcome["outcome"].startswith(f"account {account.account_id}: payouts")
    account.refresh_from_db()
    return account


def test_artist_onboards_sells_ships_and_is_paid_their_net_through_stripe(fake_stripe, client, artist, paid, ship,
                                                                          deliver):
    account = _onboarded(client, fake_stripe, artist, deliver)
    assert (account.gateway, account.payouts_enabled, account.charges_enabled) == ("stripe", True, True)
    order = paid(make_artwork(artist, price=PRICE))
    assert fake_stripe.transfers == []
    ship(artist, order)

    [sent] = fake_stripe.transfers
    transfer = Transfer.objects.get(order=order)
    assert (transfer.status, transfer.amount, transfer.gateway_transfer_id) == (TransferStatus.PAID, Decimal("85.00"),
                                                                                sent["id"])
    assert (sent["amount"], sent["currency"], sent["destination"], sent["transfer_group"]) == (
        8500, order.currency.lower(), account.account_id, order.number)
    assert sent["metadata"] == {"order_number": order.number, "artist_id": str(artist.pk),
                                "transfer_id": str(transfer.pk)}
    keys = [key for method, path, key in fake_stripe.state.requests if path == "/v1/transfers"]
    assert keys == [f"artiqo-transfer-order-{order.number}-artist-{artist.pk}"]
    # Stripe's transfer.created arriving afterwards is already known.
    outcome = deliver(fake_stripe, fake_stripe.transfer_events("transfer.created", sent["id"])[0])
    assert outcome["outcome"] == f"transfer {transfer.pk}: stays paid"
    api = client.get("/api/v1/studio/payouts")
    assert api.json()["account"]["state"] == "ready"
    assert api.json()["results"][0]["status"] == "paid" and api.json()["results"][0]["amount"] == "85.00"


def test_transfers_wait_for_an_artist_whose_onboarding_is_unfinished_and_go_when_stripe_says_ready(
        fake_stripe, client, artist, paid, ship, deliver):
    account = _onboarded(client, fake_stripe, artist, deliver, complete=False)
    assert account.state == "restricted"
    order = paid(make_artwork(artist, price=PRICE))
    ship(artist, order)
    assert Transfer.objects.get().status == TransferStatus.AWAITING_ACCOUNT and fake_stripe.transfers == []

    fake_stripe.onboard(account.account_id)
    deliver(fake_stripe, fake_stripe.account_events(account.account_id)[-1])
    assert Transfer.objects.get().status == TransferStatus.PAID
    assert [t["amount"] for t in fake_stripe.transfers] == [8500]


def test_returning_from_stripe_before_its_webhook_finds_the_account_ready(fake_stripe, client, artist, paid, ship,
                                                                          commit):
    client.force_login(artist.user)
    client.post("/studio/payouts/onboarding/")
    order = paid(make_artwork(artist, price=PRICE))
    ship(artist, order)
    fake_stripe.onboard(account_of(artist).account_id)  # its event is never delivered
    with commit():
        page = client.get("/studio/payouts/?onboarding=done", follow=True)
    assert b"Your payout account is ready" in page.content
    assert Transfer.objects.get().status == TransferStatus.PAID


def test_a_refund_after_the_transfer_reverses_the_refunded_share_as_stripe_reports_it(
        fake_stripe, client, artist, paid, ship, deliver):
    _onboarded(client, fake_stripe, artist, deliver)
    order = paid(make_artwork(artist, price=PRICE), shipping="collect")
    ship(artist, order)
    payment = order.payments.get()
    from storefront.payment import stripe_api

    stripe_api.refund_create(intent_id=payment.intent_id, amount_minor=2000, idempotency_key="refund-1", metadata={})
    refunded = fake_stripe.events_of("charge.refunded")[-1]
    deliver(fake_stripe, refunded)
    transfer = Transfer.objects.get()
    assert (transfer.status, transfer.amount_reversed) == (TransferStatus.PAID, Decimal("17.00"))
    [reversal] = fake_stripe.state.of("transfer_reversals").values()
    assert (reversal["amount"], reversal["transfer"]) == (1700, transfer.gateway_transfer_id)
    keys = [key for method, path, key in fake_stripe.state.requests if path.endswith("/reversals")]
    assert keys == [f"{transfer.idempotency_key}-reversed-1700"]
    # The same refund event again, and Stripe's own transfer.reversed: nothing more is taken back.
    deliver(fake_stripe, refunded)
    assert deliver(fake_stripe, fake_stripe.transfer_events("transfer.reversed")[-1])["outcome"] == \
        f"transfer {transfer.pk}: stays paid"
    assert len(fake_stripe.state.of("transfer_reversals")) == 1
    transfer.refresh_from_db()
    assert transfer.amount_reversed == Decimal("17.00")
    assert transfer_ledger_differences() == []


def test_webhook_replays_and_out_of_order_events_change_nothing_twice(fake_stripe, client, artist, paid, ship,
                                                                      deliver, refund):
    account = _onboarded(client, fake_stripe, artist, deliver)
    order = paid(make_artwork(artist, price=PRICE), shipping="collect")
    ship(artist, order)
    refund(order, PRICE)
    transfer = Transfer.objects.get()
    assert (transfer.status, transfer.amount_reversed) == (TransferStatus.REVERSED, Decimal("85.00"))
    changes = TransferChange.objects.count()
    created = fake_stripe.transfer_events("transfer.created")[0]
    reversed_ = fake_stripe.transfer_events("transfer.reversed")[0]
    # Reversal first, creation last, each twice (the second delivery of an id is a duplicate).
    for event in (reversed_, created, reversed_, created):
        deliver(fake_stripe, event)
    # The same facts under new event ids (Stripe retrying with another event) change nothing either.
    for event in (reversed_, created):
        again = json.loads(json.dumps(event))
        again["id"] += "_again"
        assert deliver(fake_stripe, again)["outcome"] == f"transfer {transfer.pk}: stays reversed"
    transfer.refresh_from_db()
    assert (transfer.status, transfer.amount_reversed) == (TransferStatus.REVERSED, Decimal("85.00"))
    assert TransferChange.objects.count() == changes
    # An older account.updated (payouts off) arriving after the newer one is ignored.
    stale = json.loads(json.dumps(fake_stripe.account_events(account.account_id)[-1]))
    stale.update(id="evt_stale_account", created=stale["created"] - 60)
    stale["data"]["object"].update(payouts_enabled=False, charges_enabled=False)
    assert deliver(fake_stripe, stale)["outcome"].endswith("older than what is known, ignored")
    assert account_of(artist).payouts_enabled


def test_a_transfer_webhook_naming_another_account_or_amount_or_a_second_transfer_is_refused(
        fake_stripe, client, artist, paid, ship, deliver):
    _onboarded(client, fake_stripe, artist, deliver)
    order = paid(make_artwork(artist, price=PRICE), shipping="collect")
    ship(artist, order)
    transfer = Transfer.objects.get()
    tampered = json.loads(json.dumps(fake_stripe.transfer_events("transfer.created")[0]))
    tampered.update(id="evt_tampered", type="transfer.reversed")
    tampered["data"]["object"].update(destination="acct_somebody_else", amount_reversed=8500, reversed=True)
    assert deliver(fake_stripe, tampered)["outcome"].startswith("refused: ")
    inflated = json.loads(json.dumps(fake_stripe.transfer_events("transfer.created")[0]))
    inflated["id"] = "evt_inflated"
    inflated["data"]["object"].update(amount=999999, amount_reversed=8500)
    assert deliver(fake_stripe, inflated)["outcome"].startswith("refused: ")
    second = json.loads(json.dumps(fake_stripe.transfer_events("transfer.created")[0]))
    second["id"] = "evt_second_transfer"
    second["data"]["object"]["id"] = "tr_a_second_one"
    assert deliver(fake_stripe, second)["outcome"] == \
        f"refused: transfer {transfer.pk} is already {transfer.gateway_transfer_id}"
    transfer.refresh_from_db()
    assert (transfer.status, transfer.amount_reversed) == (TransferStatus.PAID, Decimal("0.00"))


def test_account_updates_for_accounts_that_are_not_an_artists_are_refused(fake_stripe, client, artist, other_artist,
                                                                         deliver):
    account = _onboarded(client, fake_stripe, artist, deliver, complete=False)
    stranger = json.loads(json.dumps(fake_stripe.account_events(account.account_id)[-1]))
    stranger["id"] = "evt_stranger"
    stranger["data"]["object"].update(id="acct_unknown", payouts_enabled=True)
    assert deliver(fake_stripe, stranger)["outcome"] == "refused: no artist has this account"
    claims_other = json.loads(json.dumps(fake_stripe.account_events(account.account_id)[-1]))
    claims_other["id"] = "evt_claims_other"
    claims_other["data"]["object"].update(payouts_enabled=True, metadata={"artist_id": str(other_artist.pk)})
    assert deliver(fake_stripe, claims_other)["outcome"] == "refused: the account names another artist"
    assert not account_of(artist).payouts_enabled
    assert ConnectedAccount.objects.count() == 1


def test_a_stripe_outage_during_a_transfer_is_resent_with_the_same_key_and_pays_once(fake_stripe, client, artist,
                                                                                    paid, ship, deliver):
    _onboarded(client, fake_stripe, artist, deliver)
    order = paid(make_artwork(artist, price=PRICE), shipping="collect")
    # Stripe makes the transfer but its answer never arrives (the client times out).
    fake_stripe.fail_next("/v1/transfers", mode="timeout_after")
    ship(artist, order)
    transfer = Transfer.objects.get()
    assert transfer.status == TransferStatus.PENDING and len(fake_stripe.transfers) == 1
    out = StringIO()
    call_command("reconcile_payments", stdout=out)
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.PAID and transfer.gateway_transfer_id == fake_stripe.transfers[0]["id"]
    assert len(fake_stripe.transfers) == 1
    keys = {key for method, path, key in fake_stripe.state.requests if path == "/v1/transfers"}
    assert keys == {transfer.idempotency_key}
    assert "The books agree with the payments (checked: ledger, transfers)." in out.getvalue()


def test_a_refused_transfer_fails_visibly_and_reconcile_sends_it_once_funds_are_available(
        fake_stripe, client, artist, paid, ship, deliver, admin_user):
    _onboarded(client, fake_stripe, artist, deliver)
    fake_stripe.set_available_balance(0)
    order = paid(make_artwork(artist, price=PRICE), shipping="collect")
    ship(artist, order)
    transfer = Transfer.objects.get()
    assert (transfer.status, transfer.failure_code) == (TransferStatus.FAILED, "balance_insufficient")
    client.force_login(admin_user)
    listing = client.get("/cms/payouts/transfers/?status=failed")
    assert listing.status_code == 200 and order.number.encode() in listing.content
    assert client.get(f"/django-admin/payouts/transfer/{transfer.pk}/change/").status_code == 200

    fake_stripe.set_available_balance(None)
    call_command("reconcile_payments", stdout=StringIO())
    transfer.refresh_from_db()
    assert (transfer.status, transfer.attempt, transfer.failure_code) == (TransferStatus.PAID, 2, "")
    assert len(fake_stripe.transfers) == 1
    assert fake_stripe.transfers[0]["id"] == transfer.gateway_transfer_id


def test_reconcile_reverses_after_a_lost_refund_signal_and_reports_what_still_differs(
        fake_stripe, client, artist, paid, ship, deliver):
    from storefront.billing.services import ledger_record_refund
    from storefront.payment.models import Payment

    _onboarded(client, fake_stripe, artist, deliver)
    order = paid(make_artwork(artist, price=PRICE), shipping="collect")
    ship(artist, order)
    # A refund booked in the ledger whose signal never reached payouts.
    Payment.objects.filter(order=order).update(amount_refunded=Decimal("40.00"))
    ledger_record_refund(payment=order.payments.get())
    [difference] = transfer_ledger_differences()
    assert (difference.transferred, difference.ledger) == (Decimal("85.00"), Decimal("51.00"))

    fake_stripe.fail_next("/v1/transfers/", mode="500", times=1)
    out = StringIO()
    with pytest.raises(CommandError, match="1 disagreement"):
        call_command("reconcile_payments", stdout=out)
    assert f"[transfers] order {order.number}, artist {artist.pk}: paid" in out.getvalue()

    out = StringIO()
    call_command("reconcile_payments", stdout=out)
    assert "The books agree with the payments (checked: ledger, transfers)." in out.getvalue()
    assert Transfer.objects.get().amount_reversed == Decimal("34.00")
    assert len(fake_stripe.state.of("transfer_reversals")) == 1


def test_onboarding_while_stripe_is_down_says_so_and_changes_nothing(fake_stripe, client, artist):
    fake_stripe.fail_next("/v1/accounts", mode="500")
    client.force_login(artist.user)
    answer = client.post("/studio/payouts/onboarding/", follow=True)
    assert b"The payment provider did not answer" in answer.content
    assert ConnectedAccount.objects.count() == 0
    url = payout_onboarding_start(artist=artist, refresh_url="http://testserver/r", return_url="http://testserver/d")
    assert url.startswith(fake_stripe.url)


def test_connect_events_signed_with_the_connect_endpoints_secret_count_and_other_modes_are_ignored(
        fake_stripe, client, artist, settings, commit):
    settings.STRIPE_CONNECT_WEBHOOK_SECRET = "whsec_connect_endpoint"
    client.force_login(artist.user)
    client.post("/studio/payouts/onboarding/")
    account = account_of(artist)
    fake_stripe.onboard(account.account_id)
    event = fake_stripe.account_events(account.account_id)[-1]
    live = json.loads(json.dumps(event))
    live.update(id="evt_live", livemode=True)

    def post(body, secret):
        payload, header = fake_stripe.signed_event(body, secret)
        with commit():
            return client.post("/payments/stripe/webhook/", data=payload, content_type="application/json",
                               HTTP_STRIPE_SIGNATURE=header)

    assert post(event, "whsec_not_ours").status_code == 400
    assert post(live, "whsec_connect_endpoint").json()["outcome"] == "ignored: an event of the other mode (live/test)"
    assert not account_of(artist).payouts_enabled
    answer = post(event, "whsec_connect_endpoint")
    assert answer.status_code == 200 and answer.json()["outcome"].endswith("payouts enabled")
    assert account_of(artist).payouts_enabled


def test_a_transfer_whose_key_stripe_knows_with_other_parameters_is_never_retried_under_a_new_key(
        fake_stripe, client, artist, paid, ship, deliver):
    from storefront.payment import stripe_api

    account = _onboarded(client, fake_stripe, artist, deliver)
    order = paid(make_artwork(artist, price=PRICE), shipping="collect")
    # Something already used this transfer's key for another amount (a resend that differs).
    key = f"artiqo-transfer-order-{order.number}-artist-{artist.pk}"
    stripe_api.transfer_create(amount_minor=100, currency=order.currency, destination=account.account_id,
                               transfer_group=order.number, metadata={}, description="", idempotency_key=key)
    ship(artist, order)
    transfer = Transfer.objects.get()
    assert (transfer.status, transfer.failure_code) == (TransferStatus.FAILED, "idempotency_error")
    call_command("reconcile_payments", stdout=StringIO())
    transfer.refresh_from_db()
    assert (transfer.status, transfer.attempt) == (TransferStatus.FAILED, 1)
    assert len(fake_stripe.transfers) == 1
