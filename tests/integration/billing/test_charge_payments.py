"""Artists' charges ride the one payment pipeline: Stripe's webhooks finish them, replays count once."""
import ast
from pathlib import Path

import pytest
from django.test import Client

from storefront.billing.models import ArtistSubscription, BillingCharge, FeaturedListing, FeatureStatus, LedgerEntry
from storefront.billing.services import feature_purchase, subscription_choose
from storefront.payment.models import Payment, PaymentChange, PaymentStatus, StripeWebhookEvent
from storefront.payment.purposes import UnknownPaymentPurpose, payment_purpose_get, payment_purpose_register
from storefront.payment.services import payment_create
from tests.factories.billing import THREE_D_SECURE, make_free_and_pro, save_card
from tests.factories.catalogue import make_artwork

pytestmark = pytest.mark.django_db
WEBHOOK = "/payments/stripe/webhook/"
SECRET = "whsec_artiqo_fake"  # what the fake_stripe fixture configures


def _deliver(fake, event):
    payload, header = fake.signed_event(event, SECRET)
    return Client().post(WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)


def test_a_plan_paid_after_authentication_starts_on_the_webhook_without_the_artist_coming_back(
        fake_stripe, artist):
    _, pro = make_free_and_pro()
    save_card(artist.user, THREE_D_SECURE, fake=fake_stripe)
    charge = subscription_choose(artist=artist, plan=pro, request_key="p1").charge
    payment = charge.payment
    assert (payment.purpose, payment.payer, payment.gateway, payment.status) == (
        "plan", artist.user, "stripe", PaymentStatus.REQUIRES_ACTION)
    assert payment.next_action_url.startswith(fake_stripe.url)
    metadata = fake_stripe.state.intents[payment.intent_id]["metadata"]
    assert metadata == {"payment_id": str(payment.pk), "purpose": "plan", "payment_key": payment.idempotency_prefix}

    fake_stripe.authenticate(payment.intent_id)  # on the bank's page; the artist closes the tab there
    event = fake_stripe.events_of("payment_intent.succeeded", payment.intent_id)[0]
    answers = [_deliver(fake_stripe, event) for _ in range(3)]  # Stripe retries deliveries

    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert answers[0].json()["outcome"] == f"payment {payment.pk}: now completed"
    assert answers[1].json()["outcome"].startswith("duplicate")
    assert ArtistSubscription.objects.get(artist=artist).plan == pro
    assert LedgerEntry.objects.filter(charge=charge).count() == 1
    assert PaymentChange.objects.filter(payment=payment, source="webhook").count() == 1


def test_a_replayed_success_under_a_new_event_id_changes_nothing_twice(fake_stripe, artist):
    _, pro = make_free_and_pro()
    save_card(artist.user, THREE_D_SECURE, fake=fake_stripe)
    payment = subscription_choose(artist=artist, plan=pro).charge.payment
    fake_stripe.authenticate(payment.intent_id)
    event = fake_stripe.events_of("payment_intent.succeeded", payment.intent_id)[0]
    _deliver(fake_stripe, event)
    again = dict(event, id="evt_same_news_again")
    assert _deliver(fake_stripe, again).json()["outcome"] == f"payment {payment.pk}: stays completed"
    assert StripeWebhookEvent.objects.count() == 2
    assert LedgerEntry.objects.count() == 1
    assert ArtistSubscription.objects.get(artist=artist).current_period_end is not None


def test_a_failed_feature_payment_reported_by_webhook_cancels_the_feature(fake_stripe, artist):
    work = make_artwork(artist)
    save_card(artist.user, THREE_D_SECURE, fake=fake_stripe)
    charge = feature_purchase(artist=artist, artwork_id=work.pk, days=3)
    fake_stripe.authenticate(charge.payment.intent_id, approve=False)
    event = fake_stripe.events_of("payment_intent.payment_failed", charge.payment.intent_id)[0]
    assert _deliver(fake_stripe, event).status_code == 200
    payment = Payment.objects.get(pk=charge.payment_id)
    assert payment.status == PaymentStatus.FAILED
    assert payment.failure_code == "payment_intent_authentication_failure"
    assert FeaturedListing.objects.get().status == FeatureStatus.CANCELLED
    assert not LedgerEntry.objects.exists()


def test_a_webhook_naming_another_databases_payment_is_ignored(fake_stripe, artist):
    _, pro = make_free_and_pro()
    save_card(artist.user, THREE_D_SECURE, fake=fake_stripe)
    payment = subscription_choose(artist=artist, plan=pro).charge.payment
    fake_stripe.authenticate(payment.intent_id)
    event = fake_stripe.events_of("payment_intent.succeeded", payment.intent_id)[0]
    forged = dict(event, id="evt_elsewhere")
    forged["data"] = {"object": dict(event["data"]["object"], id="pi_elsewhere",
                                     metadata={"payment_id": str(payment.pk), "purpose": "plan",
                                               "payment_key": "artiqo-billing-other-db"})}
    assert _deliver(fake_stripe, forged).json()["outcome"] == "ignored: no payment for this intent"
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.REQUIRES_ACTION
    assert not ArtistSubscription.objects.filter(artist=artist).exists()


def test_billing_registers_its_purposes_and_unknown_ones_are_refused(artist):
    assert payment_purpose_get(purpose="plan").return_url is not None
    assert payment_purpose_get(purpose="feature").on_failed is not None
    with pytest.raises(UnknownPaymentPurpose):
        payment_create(purpose="lottery", payer=artist.user, amount=1, currency="USD", payment_method="pm_card_visa",
                       description="?", idempotency_prefix="x")
    with pytest.raises(ValueError):  # billing's payments take the artist's saved card
        payment_create(purpose="plan", payer=artist.user, amount=1, currency="USD", description="?",
                       idempotency_prefix="y")
    with pytest.raises(ValueError):  # a second app cannot take over a purpose
        payment_purpose_register(purpose="plan", on_completed=lambda **kwargs: None)
    assert not BillingCharge.objects.exists() and not Payment.objects.exists()


def test_the_payment_app_never_imports_billing_or_another_domain_app():
    # Its API views (storefront/payment/api) are the delivery floor's, which may import the API kit.
    higher = ("storefront.billing", "storefront.payouts", "artists", "search", "recommend", "storefront.cms")
    imported = []
    for path in Path("storefront/payment").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            imported += [(str(path), name) for name in names if name.startswith(higher)]
    assert imported == []
