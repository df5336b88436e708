"""Paying on Stripe's hosted page (Checkout Sessions) through the real `stripe` library and the fake server.

The buyer pays on the page (`fake_stripe.pay_session`), Stripe's signed webhooks or the
buyer's return complete the attempt, and nothing ever completes twice or for the wrong amount.
"""
import pytest
from oscar.core.loading import get_model

from storefront.order import statuses
from storefront.order.exceptions import OrderNotPayable
from storefront.payment.models import Payment, PaymentChange, PaymentStatus
from storefront.payment.services import payment_refresh, payment_start
from tests.factories.orders import make_order
from tests.fakes.stripe_server import sign_payload

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db
WEBHOOK = "/payments/stripe/webhook/"
RETURN_URL = "http://testserver/shop/checkout/orders/x/payment-return/"
SECRET = "whsec_artiqo_fake"


def _deliver(client, fake, event):
    payload, header = fake.signed_event(event, SECRET)
    return client.post(WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)


def _hosted(order, key=None):
    return payment_start(order=order, payment_method="", return_url=RETURN_URL, request_key=key)


def _last_event(fake, event_type, session_id):
    return [event for event in fake.state.events if event["type"] == event_type
            and event["data"]["object"].get("id") == session_id][-1]


def test_a_hosted_page_attempt_opens_a_checkout_session_for_the_order(fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = _hosted(order)
    assert payment.status == PaymentStatus.PENDING
    assert payment.checkout_url == f"{fake_stripe.url}/fake/checkout/{payment.checkout_session_id}"
    session = fake_stripe.session(payment.checkout_session_id)
    assert session["mode"] == "payment"
    assert session["client_reference_id"] == order.number
    assert session["amount_total"] == 13500 and session["currency"] == order.currency.lower()
    assert session["payment_intent_data"]["transfer_group"] == order.number
    assert session["payment_intent_data"]["metadata"]["payment_id"] == str(payment.pk)
    assert session["success_url"] == RETURN_URL
    assert session["cancel_url"] == RETURN_URL + "?cancelled=1"
    assert [key for method, path, key in fake_stripe.state.requests if path == "/v1/checkout/sessions"] == [
        f"artiqo-order-{order.number}-attempt-1-session"]


def test_the_webhook_completes_the_payment_when_the_buyer_never_comes_back(fake_stripe, client, buyer, artwork,
                                                                           django_capture_on_commit_callbacks):
    order = make_order(buyer, artwork)
    payment = _hosted(order)
    fake_stripe.pay_session(payment.checkout_session_id)
    event = _last_event(fake_stripe, "checkout.session.completed", payment.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        answers = [_deliver(client, fake_stripe, event) for _ in range(2)]
    assert answers[0].json()["outcome"] == f"payment {payment.pk}: now completed"
    assert answers[1].json()["outcome"].startswith("duplicate")
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED and order.status == statuses.PAID
    assert payment.intent_id == fake_stripe.session(payment.checkout_session_id)["payment_intent"]
    assert PaymentChange.objects.filter(payment=payment, to_status=PaymentStatus.COMPLETED).count() == 1


def test_the_buyer_coming_back_completes_it_from_stripes_word_with_the_card(fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = _hosted(order)
    fake_stripe.pay_session(payment.checkout_session_id, card="5555555555554444")
    payment = payment_refresh(payment=payment)
    assert payment.status == PaymentStatus.COMPLETED
    assert (payment.card_brand, payment.card_last4) == ("mastercard", "4444")


def test_a_declined_card_on_the_page_leaves_the_attempt_open_until_another_card_pays(fake_stripe, client, buyer,
                                                                                     artwork):
    order = make_order(buyer, artwork)
    payment = _hosted(order)
    fake_stripe.pay_session(payment.checkout_session_id, card="4000000000000002")
    intent_id = fake_stripe.session(payment.checkout_session_id)["payment_intent"]
    declined = fake_stripe.events_of("payment_intent.payment_failed", intent_id)[0]
    assert "stays pending" in _deliver(client, fake_stripe, declined).json()["outcome"]
    assert payment_refresh(payment=payment).status == PaymentStatus.PENDING
    fake_stripe.pay_session(payment.checkout_session_id, card="4242424242424242")
    _deliver(client, fake_stripe, _last_event(fake_stripe, "checkout.session.completed", payment.checkout_session_id))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED
    assert not payment.history.filter(to_status=PaymentStatus.FAILED).exists()


def test_events_out_of_order_never_undo_a_completed_payment(fake_stripe, client, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = _hosted(order)
    fake_stripe.pay_session(payment.checkout_session_id, card="4000000000000002")
    fake_stripe.pay_session(payment.checkout_session_id, card="4242424242424242")
    events = [event for event in fake_stripe.state.events if event["type"].startswith(("checkout.", "payment_intent."))]
    for event in reversed(events):
        _deliver(client, fake_stripe, event)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED
    assert payment.history.filter(to_status=PaymentStatus.COMPLETED).count() == 1


def test_an_expired_page_fails_the_attempt_and_the_order_can_be_paid_again(fake_stripe, client, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = _hosted(order)
    expired = fake_stripe.expire_session(payment.checkout_session_id)
    _deliver(client, fake_stripe, _last_event(fake_stripe, "checkout.session.expired", expired["id"]))
    payment.refresh_from_db()
    assert (payment.status, payment.failure_code) == (PaymentStatus.FAILED, "expired")
    second = _hosted(order)
    assert second.attempt == 2 and second.checkout_session_id != payment.checkout_session_id


def test_a_new_attempt_closes_the_open_page_so_it_can_never_pay_too(fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)
    first = _hosted(order, key="first-click")
    second = _hosted(order, key="second-click")
    assert fake_stripe.session(first.checkout_session_id)["status"] == "expired"
    assert fake_stripe.session(second.checkout_session_id)["status"] == "open"
    with pytest.raises(ValueError):
        fake_stripe.pay_session(first.checkout_session_id)
    assert list(Payment.objects.filter(order=order).values_list("status", flat=True)) == [
        PaymentStatus.FAILED, PaymentStatus.PENDING]


def test_a_page_paid_just_before_a_new_attempt_is_the_answer_and_nothing_is_charged_again(fake_stripe, buyer,
                                                                                          artwork):
    order = make_order(buyer, artwork)
    first = _hosted(order, key="first-click")
    fake_stripe.pay_session(first.checkout_session_id)
    with pytest.raises(OrderNotPayable):
        _hosted(order, key="second-click")
    first.refresh_from_db()
    assert first.status == PaymentStatus.COMPLETED
    assert len(fake_stripe.sessions) == 1 and len(fake_stripe.charges) == 1


def test_the_same_key_replays_the_same_page(fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)
    first = _hosted(order, key="click")
    again = _hosted(order, key="click")
    assert (again.pk, again.checkout_url) == (first.pk, first.checkout_url)
    assert len(fake_stripe.sessions) == 1


def test_an_unknown_session_is_ignored(fake_stripe, client, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = _hosted(order)
    event = {"id": "evt_forged", "object": "event", "type": "checkout.session.completed", "livemode": False,
             "data": {"object": {"id": "cs_test_unknown", "object": "checkout.session", "mode": "payment",
                                 "status": "complete", "payment_status": "paid", "amount_total": 13500,
                                 "currency": "usd", "client_reference_id": order.number}}}
    assert _deliver(client, fake_stripe, event).json()["outcome"] == "ignored: no payment for this checkout session"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_a_session_paid_for_another_amount_does_not_pay_the_order(fake_stripe, client, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = _hosted(order)
    event = {"id": "evt_tampered", "object": "event", "type": "checkout.session.completed", "livemode": False,
             "data": {"object": {"id": payment.checkout_session_id, "object": "checkout.session",
                                 "mode": "payment", "status": "complete", "payment_status": "paid",
                                 "amount_total": 100, "currency": "usd", "client_reference_id": order.number,
                                 "payment_intent": "pi_elsewhere"}}}
    _deliver(client, fake_stripe, event)
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING and order.status != statuses.PAID
    assert payment.history.filter(reason__startswith="Ignored: the gateway reports a different amount").exists()


def test_an_unsigned_session_event_changes_nothing(fake_stripe, client, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = _hosted(order)
    fake_stripe.pay_session(payment.checkout_session_id)
    event = _last_event(fake_stripe, "checkout.session.completed", payment.checkout_session_id)
    payload, _ = fake_stripe.signed_event(event, SECRET)
    forged = sign_payload(payload, "whsec_not_ours")
    answer = client.post(WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=forged)
    assert answer.status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_the_api_pays_through_the_hosted_page_with_checkout_true(fake_stripe, api_client, buyer, artwork):
    order = make_order(buyer, artwork)
    api_client.force_authenticate(buyer)
    answer = api_client.post(f"/api/v1/orders/{order.number}/pay", {"checkout": True}, format="json",
                             HTTP_IDEMPOTENCY_KEY="pay-1")
    assert answer.status_code == 202
    body = answer.json()
    assert body["status"] == "pending" and body["checkout_url"].startswith(f"{fake_stripe.url}/fake/checkout/")
    replay = api_client.post(f"/api/v1/orders/{order.number}/pay", {"checkout": True}, format="json",
                             HTTP_IDEMPOTENCY_KEY="pay-1")
    assert replay.json()["checkout_url"] == body["checkout_url"]
    both = api_client.post(f"/api/v1/orders/{order.number}/pay", {"checkout": True, "payment_method": "pm_card_visa"},
                           format="json")
    assert both.status_code == 400 and "payment_method" in both.json()["error"]["fields"]
