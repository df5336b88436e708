"""Renewals that work live: cards saved on a Stripe Customer, renewals charged off-session, the artist
mailed when their bank wants them, and webhooks and replays that change nothing twice."""
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from artiqo.outbox.models import OutboxMessage
from storefront.billing.models import (
    ArtistSubscription,
    BillingCharge,
    LedgerEntry,
    LedgerKind,
    SubscriptionEvent,
    SubscriptionStatus,
)
from storefront.billing.services import subscription_choose, subscriptions_renew_due
from storefront.payment.models import PaymentCustomer, PaymentStatus
from tests.factories.billing import THREE_D_SECURE, VISA, make_free_and_pro, save_card, set_marketplace

pytestmark = pytest.mark.django_db
WEBHOOK = "/payments/stripe/webhook/"
SECRET = "whsec_artiqo_fake"  # what the fake_stripe fixture configures


@pytest.fixture
def pro(db):
    return make_free_and_pro()[1]


def _deliver(fake, event):
    payload, header = fake.signed_event(event, SECRET)
    return Client().post(WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)


def _subscribed_a_month_ago(artist, plan, **card):
    """On `plan` since 32 days ago, paid with a saved Visa: the period is over and the renewal is due now."""
    save_card(artist.user, VISA, **card)
    subscription_choose(artist=artist, plan=plan, now=timezone.now() - timedelta(days=32))
    return ArtistSubscription.objects.get(artist=artist).current_period_end


def _mails_to(user):
    return [message for message in OutboxMessage.objects.order_by("pk") if user.email in message.to]


def test_subscribing_saves_the_card_on_a_stripe_customer_through_a_setup_mode_checkout_session(
        fake_stripe, client, artist, pro):
    client.force_login(artist.user)
    response = client.post("/studio/billing/plans/", {"plan": pro.pk, "attempt_token": "subscribe-1"})

    assert response.status_code == 302 and response.url.startswith(f"{fake_stripe.url}/fake/checkout/")
    session_id = response.url.rstrip("/").rsplit("/", 1)[-1]
    session = fake_stripe.session(session_id)
    customer = PaymentCustomer.objects.get(user=artist.user)
    assert (session["mode"], session["customer"]) == ("setup", customer.customer_id)
    assert fake_stripe.customers[customer.customer_id]["email"] == artist.user.email
    assert not BillingCharge.objects.exists()  # nothing is charged before the card is saved

    fake_stripe.pay_session(session_id, card="4242424242424242")  # typed on Stripe's page
    done = client.get(session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id))

    assert done.status_code == 302 and done.url == "/studio/billing/plans/"
    customer.refresh_from_db()
    assert (customer.payment_method, customer.card_brand, customer.card_last4) == ("pm_card_visa", "visa", "4242")
    payment = BillingCharge.objects.get().payment
    assert (payment.status, payment.customer_id, payment.off_session) == (
        PaymentStatus.COMPLETED, customer.customer_id, False)
    assert fake_stripe.state.intents[payment.intent_id]["customer"] == customer.customer_id
    assert ArtistSubscription.objects.get(artist=artist).plan == pro
    # Another card later goes on the same Stripe Customer.
    client.post("/studio/billing/card/", {"attempt_token": "replace-1"})
    assert len(fake_stripe.customers) == 1


def test_a_renewal_is_charged_off_session_on_the_saved_card(fake_stripe, artist, pro):
    end = _subscribed_a_month_ago(artist, pro, fake=fake_stripe)

    assert subscriptions_renew_due()["charged"] == 1
    assert subscriptions_renew_due()["charged"] == 0  # the job runs every few minutes: one charge

    payment = BillingCharge.objects.get(purpose="renewal").payment
    customer = PaymentCustomer.objects.get(user=artist.user)
    assert (payment.status, payment.off_session, payment.customer_id) == (
        PaymentStatus.COMPLETED, True, customer.customer_id)
    assert fake_stripe.state.intents[payment.intent_id]["customer"] == customer.customer_id
    subscription = ArtistSubscription.objects.get(artist=artist)
    assert subscription.current_period_start == end and subscription.status == SubscriptionStatus.ACTIVE
    assert LedgerEntry.objects.filter(kind=LedgerKind.SUBSCRIPTION).count() == 2
    assert _mails_to(artist.user) == []


def test_a_renewal_needing_authentication_mails_the_artist_who_completes_it_in_the_grace_period(
        client, artist, pro):
    set_marketplace(grace_period_days=7)
    end = _subscribed_a_month_ago(artist, pro)
    save_card(artist.user, THREE_D_SECURE)  # the new card's bank wants every payment confirmed

    subscriptions_renew_due()

    failed = BillingCharge.objects.get(purpose="renewal").payment
    assert (failed.status, failed.off_session, failed.failure_code) == (
        PaymentStatus.FAILED, True, "authentication_required")
    subscription = ArtistSubscription.objects.get(artist=artist)
    assert subscription.status == SubscriptionStatus.PAST_DUE and subscription.grace_until == end + timedelta(days=7)
    (mail,) = _mails_to(artist.user)
    assert mail.subject == "Confirm the renewal of your Pro plan"
    assert f"{settings.SITE_URL}/studio/billing/renewal/" in mail.text
    assert f"until {subscription.grace_until:%-d %B %Y}" in mail.text

    client.force_login(artist.user)
    page = client.get("/studio/billing/renewal/")
    assert page.status_code == 200 and "Pay $12.00 with Visa ending 3184" in page.content.decode()
    to_bank = client.post("/studio/billing/renewal/", {"action": "confirm", "attempt_token": "renew-1"})
    assert "/shop/checkout/test-3ds/" in to_bank.url  # the artist is here now: the bank asks them
    back = client.post(to_bank.url, {"outcome": "approve"})
    assert client.get(back.url).url == "/studio/billing/plans/"

    subscription.refresh_from_db()
    assert (subscription.status, subscription.current_period_start, subscription.grace_until) == (
        SubscriptionStatus.ACTIVE, end, None)
    retry = BillingCharge.objects.get(purpose="retry").payment
    assert (retry.status, retry.off_session) == (PaymentStatus.COMPLETED, False)
    assert LedgerEntry.objects.filter(kind=LedgerKind.SUBSCRIPTION).count() == 2
    assert "Nothing to complete" in client.get("/studio/billing/renewal/").content.decode()
    subscriptions_renew_due()  # the job again: the period is paid, nothing charged or mailed
    assert BillingCharge.objects.count() == 3 and len(_mails_to(artist.user)) == 1


def test_a_renewal_without_a_saved_card_mails_once_and_the_artist_saves_one_and_pays(client, artist, pro):
    end = _subscribed_a_month_ago(artist, pro)
    PaymentCustomer.objects.filter(user=artist.user).update(payment_method="")  # e.g. a plan from before saved cards

    assert subscriptions_renew_due()["no_card"] == 1
    assert subscriptions_renew_due(now=timezone.now() + timedelta(days=1, minutes=1))["no_card"] == 1  # daily
    assert ArtistSubscription.objects.get(artist=artist).status == SubscriptionStatus.PAST_DUE
    assert BillingCharge.objects.count() == 1  # nothing to charge without a card
    (mail,) = _mails_to(artist.user)
    assert mail.subject == "Add a card to keep your Pro plan"

    client.force_login(artist.user)
    response = client.post("/studio/billing/renewal/", {"action": "new_card", "attempt_token": "renew-card"})
    saved = client.post(response.url, {"action": "pay", "card_number": "4242 4242 4242 4242"})
    assert client.get(saved.url).url == "/studio/billing/plans/"
    subscription = ArtistSubscription.objects.get(artist=artist)
    assert (subscription.status, subscription.current_period_start) == (SubscriptionStatus.ACTIVE, end)


def test_a_failed_renewal_reported_again_by_webhook_changes_nothing_twice(fake_stripe, artist, pro):
    _subscribed_a_month_ago(artist, pro, fake=fake_stripe)
    save_card(artist.user, THREE_D_SECURE, fake=fake_stripe)
    subscriptions_renew_due()
    payment = BillingCharge.objects.get(purpose="renewal").payment
    assert payment.failure_code == "authentication_required"  # Stripe declined it: nobody to authenticate
    event = fake_stripe.events_of("payment_intent.payment_failed", payment.intent_id)[0]

    answers = [_deliver(fake_stripe, event), _deliver(fake_stripe, dict(event, id="evt_same_failure_again"))]

    assert [answer.json()["outcome"] for answer in answers] == [f"payment {payment.pk}: stays failed"] * 2
    assert len(_mails_to(artist.user)) == 1
    assert SubscriptionEvent.objects.filter(artist=artist, kind="renewal_failed").count() == 1


def test_a_card_saved_by_an_artist_who_never_came_back_is_kept_from_the_webhook(fake_stripe, client, artist):
    client.force_login(artist.user)
    response = client.post("/studio/billing/card/", {"attempt_token": "card-1"})
    session_id = response.url.rstrip("/").rsplit("/", 1)[-1]
    fake_stripe.pay_session(session_id, card="5555555555554444")  # then they close the tab
    event = fake_stripe.events_of("checkout.session.completed")[0]
    assert isinstance(event["data"]["object"]["setup_intent"], str)  # Stripe sends the id, not the card

    first, again = _deliver(fake_stripe, event), _deliver(fake_stripe, dict(event, id="evt_completed_again"))

    customer = PaymentCustomer.objects.get(user=artist.user)
    assert first.json()["outcome"] == f"customer {customer.pk}: card saved"
    assert again.json()["outcome"] == f"customer {customer.pk}: card already saved"
    assert (customer.payment_method, customer.card_brand, customer.card_last4) == (
        "pm_card_mastercard", "mastercard", "4444")
