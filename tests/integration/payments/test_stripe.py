"""Payments through the real `stripe` library against the local fake Stripe server."""
from io import StringIO

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model

from storefront.order import statuses
from storefront.payment import services, stripe_api
from storefront.payment.gateway import GatewayRejected, GatewayUnavailable
from storefront.payment.models import Payment, PaymentStatus
from storefront.payment.services import payment_refresh, payment_start, payments_reconcile
from tests.factories.orders import make_order

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db
RETURN_URL = "http://testserver/shop/checkout/orders/x/payment-return/"


def _pay(order, payment_method="pm_card_visa", key=None):
    return payment_start(order=order, payment_method=payment_method, return_url=RETURN_URL, request_key=key)


def test_a_visa_payment_completes_with_stripe_and_every_call_carries_our_key(fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = _pay(order)
    assert payment.gateway == "stripe"
    assert payment.status == PaymentStatus.COMPLETED
    assert payment.intent_id.startswith("pi_")
    assert (payment.card_brand, payment.card_last4) == ("visa", "4242")
    payment_refresh(payment=payment)
    assert [(method, path) for method, path, _ in fake_stripe.state.requests] == [
        ("POST", "/v1/payment_intents"), ("GET", f"/v1/payment_intents/{payment.intent_id}")]
    assert [key for _, _, key in fake_stripe.state.requests] == [
        f"artiqo-order-{order.number}-attempt-1-create", f"artiqo-order-{order.number}-attempt-1-retrieve"]
    assert fake_stripe.state.intents[payment.intent_id]["metadata"] == {
        "order_number": order.number, "payment_id": str(payment.pk), "attempt": "1"}
    order.refresh_from_db()
    assert order.status == statuses.PAID


def test_a_declined_card_is_a_failed_payment_and_no_charge(fake_stripe, buyer, artwork):
    payment = _pay(make_order(buyer, artwork), "pm_card_chargeDeclined")
    assert payment.status == PaymentStatus.FAILED
    assert payment.failure_code == "generic_decline"
    assert payment.intent_id  # Stripe's 402 carries the failed intent
    assert fake_stripe.charges == []


def test_three_d_secure_completes_when_stripe_says_so(fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = _pay(order, "pm_card_authenticationRequired")
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    assert payment.next_action_url == f"{fake_stripe.url}/fake/3ds/{payment.intent_id}"
    assert payment_refresh(payment=payment).status == PaymentStatus.REQUIRES_ACTION  # not yet
    fake_stripe.authenticate(payment.intent_id)
    assert payment_refresh(payment=payment).status == PaymentStatus.COMPLETED


def test_a_crash_after_stripe_answered_is_resumed_without_a_second_charge(fake_stripe, buyer, artwork,
                                                                          monkeypatch):
    order = make_order(buyer, artwork)
    real_apply = services.payment_result_apply

    def crash(**kwargs):
        raise RuntimeError("worker killed after Stripe answered")

    monkeypatch.setattr(services, "payment_result_apply", crash)
    with pytest.raises(RuntimeError):
        _pay(order, key="client-key-1")
    stuck = Payment.objects.get(order=order)
    assert (stuck.status, stuck.intent_id) == (PaymentStatus.PENDING, "")
    assert len(fake_stripe.charges) == 1
    monkeypatch.setattr(services, "payment_result_apply", real_apply)
    retried = _pay(order, key="client-key-1")
    assert retried.pk == stuck.pk
    assert retried.status == PaymentStatus.COMPLETED
    assert len(fake_stripe.state.intents) == 1 and len(fake_stripe.charges) == 1
    creates = [key for method, _, key in fake_stripe.state.requests if method == "POST"]
    assert creates == [f"artiqo-order-{order.number}-attempt-1-create"] * 2


def test_a_timeout_leaves_the_attempt_pending_and_a_retry_replays_it(fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)
    fake_stripe.fail_next("/v1/payment_intents", mode="timeout_after")  # Stripe charged, we never heard
    with pytest.raises(GatewayUnavailable):
        _pay(order, key="k1")
    assert Payment.objects.get(order=order).status == PaymentStatus.PENDING
    assert len(fake_stripe.charges) == 1
    payment = _pay(order, key="k1")
    assert payment.status == PaymentStatus.COMPLETED
    assert len(fake_stripe.charges) == 1


def test_a_new_click_after_a_timeout_finishes_the_first_attempt_instead_of_charging_again(
        fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)
    fake_stripe.fail_next("/v1/payment_intents", mode="timeout_after")
    with pytest.raises(GatewayUnavailable):
        _pay(order, key="first-click")
    with pytest.raises(services.OrderNotPayable):
        _pay(order, key="second-click")
    assert Payment.objects.get(order=order).status == PaymentStatus.COMPLETED
    assert len(fake_stripe.charges) == 1


def test_stripe_errors_are_retried_by_the_library_with_the_same_key(fake_stripe, settings, buyer, artwork):
    settings.STRIPE_MAX_NETWORK_RETRIES = 2
    fake_stripe.fail_next("/v1/payment_intents", mode="500")
    payment = _pay(make_order(buyer, artwork))
    assert payment.status == PaymentStatus.COMPLETED
    keys = [key for method, _, key in fake_stripe.state.requests if method == "POST"]
    assert keys == [payment.key_for("create")] * 2
    assert len(fake_stripe.charges) == 1


def test_the_same_key_with_a_different_body_is_refused_by_stripe(fake_stripe):
    arguments = dict(currency="USD", payment_method="pm_card_visa", return_url=RETURN_URL,
                     idempotency_key="artiqo-order-1-attempt-1-create", metadata={"order_number": "1"})
    first = stripe_api.payment_intent_create(amount_minor=1000, **arguments)
    assert stripe_api.payment_intent_create(amount_minor=1000, **arguments) == first
    with pytest.raises(GatewayRejected) as error:
        stripe_api.payment_intent_create(amount_minor=999, **arguments)
    assert error.value.code == "idempotency_error"
    assert len(fake_stripe.state.intents) == 1


def test_an_unreachable_stripe_is_reported_as_unavailable(fake_stripe, settings, buyer, artwork):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens on the discard port
    order = make_order(buyer, artwork)
    with pytest.raises(GatewayUnavailable):
        _pay(order)
    assert Payment.objects.get(order=order).status == PaymentStatus.PENDING


def test_the_reconcile_job_finishes_attempts_a_crash_left_behind(fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)
    fake_stripe.fail_next("/v1/payment_intents", mode="timeout")  # Stripe never saw it
    with pytest.raises(GatewayUnavailable):
        _pay(order)
    assert fake_stripe.charges == []
    out = StringIO()
    call_command("reconcile_payments", stdout=out)
    assert "Finished 1 payment attempt(s) or refund(s)." in out.getvalue()
    assert payments_reconcile() == 0
    assert Payment.objects.get(order=order).status == PaymentStatus.COMPLETED
    assert len(fake_stripe.charges) == 1


def test_an_abandoned_authentication_is_cancelled_at_stripe_before_a_new_attempt(fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)
    abandoned = _pay(order, "pm_card_authenticationRequired", key="first")
    assert _pay(order, "pm_card_visa", key="second").status == PaymentStatus.COMPLETED
    assert fake_stripe.state.intents[abandoned.intent_id]["status"] == "canceled"
    assert ("POST", f"/v1/payment_intents/{abandoned.intent_id}/cancel",
            abandoned.key_for("cancel")) in fake_stripe.state.requests
    assert len(fake_stripe.charges) == 1
