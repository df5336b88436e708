"""Stripe's webhook: signed, recorded once, applied in any order, never trusted unsigned."""
import json
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from storefront.order import statuses
from storefront.order.signals import order_paid
from storefront.payment import services, stripe_api
from storefront.payment.models import Payment, PaymentChange, PaymentStatus, StripeWebhookEvent
from storefront.payment.services import payment_start
from tests.factories.orders import make_order
from tests.fakes.stripe_server import sign_payload

Order = get_model("order", "Order")
URL = "/payments/stripe/webhook/"
RETURN_URL = "http://testserver/shop/checkout/orders/x/payment-return/"
SECRET = "whsec_artiqo_fake"  # what the fake_stripe fixture configures


def _deliver(client, fake, event, *, secret=SECRET, timestamp=None):
    payload, header = fake.signed_event(event, secret, timestamp)
    return client.post(URL, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)


def _awaiting_authentication(buyer, artwork):
    order = make_order(buyer, artwork)
    return payment_start(order=order, payment_method="pm_card_authenticationRequired", return_url=RETURN_URL)


@pytest.mark.django_db
def test_the_same_event_three_times_counts_once(fake_stripe, client, buyer, artwork,
                                                django_capture_on_commit_callbacks):
    payment = _awaiting_authentication(buyer, artwork)
    fake_stripe.authenticate(payment.intent_id)
    event = fake_stripe.events_of("payment_intent.succeeded", payment.intent_id)[0]
    paid = []
    order_paid.connect(receiver := lambda sender, order, **kw: paid.append(order.number))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            answers = [_deliver(client, fake_stripe, event) for _ in range(3)]
    finally:
        order_paid.disconnect(receiver)
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert answers[0].json()["outcome"] == f"payment {payment.pk}: now completed"
    assert answers[1].json()["outcome"].startswith("duplicate")
    assert StripeWebhookEvent.objects.filter(event_id=event["id"]).count() == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED
    assert PaymentChange.objects.filter(payment=payment, source="webhook").count() == 1
    assert PaymentChange.objects.get(payment=payment, source="webhook").stripe_event_id == event["id"]
    assert paid == [payment.order.number]


@pytest.mark.django_db
def test_events_arriving_out_of_order_never_move_a_payment_back(fake_stripe, client, buyer, artwork):
    payment = _awaiting_authentication(buyer, artwork)
    fake_stripe.authenticate(payment.intent_id)
    requires_action = fake_stripe.events_of("payment_intent.requires_action", payment.intent_id)[0]
    succeeded = fake_stripe.events_of("payment_intent.succeeded", payment.intent_id)[0]
    stale_failure = json.loads(json.dumps(succeeded))
    stale_failure.update(id="evt_stale_failure", type="payment_intent.payment_failed")
    stale_failure["data"]["object"].update(status="requires_payment_method",
                                           last_payment_error={"code": "card_declined", "message": "Declined"})
    for event in (succeeded, requires_action, stale_failure):
        assert _deliver(client, fake_stripe, event).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED
    assert StripeWebhookEvent.objects.count() == 3
    assert list(payment.history.values_list("to_status", flat=True)) == [
        "pending", "requires_action", "completed"]


@pytest.mark.django_db
def test_a_webhook_faster_than_our_own_request_is_matched_by_our_payment_id(fake_stripe, client, buyer, artwork,
                                                                            monkeypatch):
    order = make_order(buyer, artwork)
    monkeypatch.setattr(services, "payment_result_apply", lambda **kwargs: False)  # our answer is still on its way
    payment_start(order=order, payment_method="pm_card_visa", return_url=RETURN_URL)
    payment = Payment.objects.get(order=order)
    assert payment.intent_id == ""
    monkeypatch.undo()
    event = fake_stripe.events_of("payment_intent.succeeded")[0]
    assert _deliver(client, fake_stripe, event).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED
    assert payment.intent_id == event["data"]["object"]["id"]


@pytest.mark.django_db
def test_a_refund_made_in_stripe_is_recorded_once(fake_stripe, client, buyer, artwork):
    payment = payment_start(order=make_order(buyer, artwork), payment_method="pm_card_visa", return_url=RETURN_URL)
    stripe_api.refund_create(intent_id=payment.intent_id, amount_minor=5000, idempotency_key="dashboard-refund-1",
                             metadata={})
    event = fake_stripe.events_of("charge.refunded")[0]
    for _ in range(2):
        assert _deliver(client, fake_stripe, event).status_code == 200
    payment.refresh_from_db()
    assert str(payment.amount_refunded) == "50.00"
    assert payment.status == PaymentStatus.COMPLETED  # partly refunded
    assert payment.history.filter(source="webhook", reason__startswith="Refunded 50.00").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["body", "secret", "old", "missing"])
def test_unsigned_forged_or_stale_events_are_refused(fake_stripe, client, buyer, artwork, tamper):
    payment = _awaiting_authentication(buyer, artwork)
    fake_stripe.authenticate(payment.intent_id)
    event = fake_stripe.events_of("payment_intent.succeeded", payment.intent_id)[0]
    payload, header = fake_stripe.signed_event(event, SECRET)
    if tamper == "body":
        payload = payload.replace(b'"succeeded"', b'"succeeded" ', 1)
    elif tamper == "secret":
        header = sign_payload(payload, "whsec_someone_else")
    elif tamper == "old":
        header = sign_payload(payload, SECRET, timestamp=int(time.time()) - 3600)
    else:
        header = ""
    answer = client.post(URL, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
    assert answer.status_code == 400
    assert "signature" in answer.json()["error"].lower()
    assert not StripeWebhookEvent.objects.exists()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_ACTION


@pytest.mark.django_db
def test_the_webhook_only_takes_posts(fake_stripe, client):
    assert client.get(URL).status_code == 405


@pytest.mark.django_db
def test_without_a_webhook_secret_nothing_is_accepted(fake_stripe, client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload = b'{"id": "evt_1", "type": "payment_intent.succeeded"}'
    answer = client.post(URL, data=payload, content_type="application/json",
                         HTTP_STRIPE_SIGNATURE=sign_payload(payload, ""))
    assert answer.status_code == 400


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_event_delivered_concurrently_counts_once(fake_stripe, buyer, artwork):
    if connection.vendor == "sqlite":
        pytest.skip("Concurrent deliveries need a server database with row locks (run on MariaDB)")
    payment = _awaiting_authentication(buyer, artwork)
    fake_stripe.authenticate(payment.intent_id)
    event = fake_stripe.events_of("payment_intent.succeeded", payment.intent_id)[0]
    payload, header = fake_stripe.signed_event(event, SECRET)
    barrier, answers = threading.Barrier(8), []

    def deliver():
        try:
            barrier.wait()
            answers.append(Client().post(URL, data=payload, content_type="application/json",
                                         HTTP_STRIPE_SIGNATURE=header).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * 8
    assert StripeWebhookEvent.objects.count() == 1
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED
    assert PaymentChange.objects.filter(payment=payment, to_status="completed").count() == 1
    assert Order.objects.get(pk=payment.order_id).status == statuses.PAID
