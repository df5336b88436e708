"""Paying through the REST API: POST /api/v1/orders/{number}/pay, GET .../payments."""
import pytest
from oscar.core.loading import get_model

from storefront.order import statuses
from storefront.payment.models import Payment, SandboxIntent
from tests.factories.orders import make_order

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(buyer, artwork):
    return make_order(buyer, artwork)


@pytest.fixture
def as_buyer(api_client, buyer):
    api_client.force_authenticate(buyer)
    return api_client


def _pay(client, order, body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(f"/api/v1/orders/{order.number}/pay", body, format="json", **headers)


def test_paying_with_the_success_card_completes_the_order(as_buyer, order):
    answer = _pay(as_buyer, order, {"card_number": "4242 4242 4242 4242"})
    assert answer.status_code == 200
    body = answer.json()
    assert (body["status"], body["amount"], body["gateway"], body["card_last4"]) == (
        "completed", "135.00", "test", "4242")
    assert [change["to_status"] for change in body["history"]] == ["pending", "completed"]
    order.refresh_from_db()
    assert order.status == statuses.PAID


def test_the_payment_status_can_be_read_back(as_buyer, order, django_assert_max_num_queries):
    _pay(as_buyer, order, {"card_number": "4000 0000 0000 0002"})
    _pay(as_buyer, order, {"card_number": "4242 4242 4242 4242"})
    with django_assert_max_num_queries(8):
        answer = as_buyer.get(f"/api/v1/orders/{order.number}/payments")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["order_status"], body["test_mode"]) == ("Paid", True)
    assert [(p["attempt"], p["status"]) for p in body["results"]] == [(1, "failed"), (2, "completed")]
    assert body["results"][0]["failure_message"] == "Your card was declined."


def test_a_declined_card_answers_402_with_the_reason(as_buyer, order):
    answer = _pay(as_buyer, order, {"card_number": "4000000000009995"})
    assert answer.status_code == 402
    assert answer.json()["failure_message"] == "Your card has insufficient funds."


def test_three_d_secure_answers_202_with_where_to_send_the_buyer(as_buyer, order):
    answer = _pay(as_buyer, order, {"card_number": "4000 0027 6000 3184"})
    assert answer.status_code == 202
    assert answer.json()["status"] == "requires_action"
    assert "/shop/checkout/test-3ds/pi_test_" in answer.json()["next_action_url"]


def test_repeating_the_request_with_the_same_key_pays_once(as_buyer, order):
    first = _pay(as_buyer, order, {"card_number": "4242424242424242"}, key="pay-1")
    again = _pay(as_buyer, order, {"card_number": "4242424242424242"}, key="pay-1")
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json()["payment_intent"] == again.json()["payment_intent"]
    assert Payment.objects.count() == 1 and SandboxIntent.objects.count() == 1


def test_the_same_key_with_a_different_card_is_refused(as_buyer, order):
    _pay(as_buyer, order, {"card_number": "4000000000000002"}, key="pay-1")
    answer = _pay(as_buyer, order, {"card_number": "4242424242424242"}, key="pay-1")
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "idempotency_key_reused"


def test_paying_a_paid_order_again_is_a_conflict(as_buyer, order):
    _pay(as_buyer, order, {"card_number": "4242424242424242"})
    answer = _pay(as_buyer, order, {"card_number": "4242424242424242"})
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "order_not_payable"


def test_a_lapsed_order_whose_work_another_buyer_now_holds_answers_409_reserved(as_buyer, order, other_buyer,
                                                                               artwork):
    from datetime import timedelta

    from django.utils import timezone

    from storefront.order.holds import order_holds_release_expired

    Order.objects.filter(pk=order.pk).update(hold_expires_at=timezone.now() - timedelta(minutes=5))
    order_holds_release_expired()
    make_order(other_buyer, artwork)
    answer = _pay(as_buyer, order, {"card_number": "4242424242424242"})
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "sold_out"
    assert "is reserved: another buyer is paying for it" in answer.json()["error"]["message"]
    assert not SandboxIntent.objects.exists()


@pytest.mark.parametrize("body, field", [
    ({}, "card_number"),
    ({"card_number": "1234"}, "card_number"),
    ({"card_number": "4012888888881881"}, "card_number"),
    ({"payment_method": "visa please"}, "payment_method"),
    ({"card_number": "4242424242424242", "return_url": "not a url"}, "return_url"),
])
def test_bad_payment_input_is_a_400_with_field_messages(as_buyer, order, body, field):
    answer = _pay(as_buyer, order, body)
    assert answer.status_code == 400
    assert field in answer.json()["error"]["fields"]


def test_an_unusable_idempotency_key_is_a_400(as_buyer, order):
    answer = _pay(as_buyer, order, {"card_number": "4242424242424242"}, key="x" * 101)
    assert answer.status_code == 400


def test_only_the_buyer_can_pay_or_read_their_order(api_client, other_buyer, order):
    assert _pay(api_client, order, {"card_number": "4242424242424242"}).status_code == 401
    api_client.force_authenticate(other_buyer)
    assert _pay(api_client, order, {"card_number": "4242424242424242"}).status_code == 404
    assert api_client.get(f"/api/v1/orders/{order.number}/payments").status_code == 404
    assert api_client.get(f"/api/v1/orders/{order.number}/pay").status_code == 405


def test_with_stripe_a_payment_method_pays_through_stripe(fake_stripe, as_buyer, order):
    answer = _pay(as_buyer, order, {"payment_method": "pm_card_visa"})
    assert answer.status_code == 200
    assert answer.json()["gateway"] == "stripe"
    assert answer.json()["payment_intent"] in fake_stripe.state.intents


def test_when_stripe_does_not_answer_the_client_retries_with_its_key_and_pays_once(fake_stripe, as_buyer, order):
    fake_stripe.fail_next("/v1/payment_intents", mode="timeout_after")
    down = _pay(as_buyer, order, {"payment_method": "pm_card_visa"}, key="retry-me")
    assert down.status_code == 503
    assert down.json()["error"]["code"] == "payment_provider_unavailable"
    again = _pay(as_buyer, order, {"payment_method": "pm_card_visa"}, key="retry-me")
    assert again.status_code == 200
    assert len(fake_stripe.charges) == 1
