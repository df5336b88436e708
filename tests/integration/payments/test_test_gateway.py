"""Paying orders offline through the built-in test gateway (Stripe's test cards, no keys)."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.order import statuses
from storefront.order.exceptions import ArtworkUnavailable, OrderNotPayable
from storefront.order.holds import order_holds_release_expired
from storefront.order.signals import order_paid, payment_refunded
from storefront.payment import sandbox
from storefront.payment.exceptions import IdempotencyKeyReused, InvalidPaymentMethod
from storefront.payment.gateway import IntentResult
from storefront.payment.models import Payment, PaymentStatus, SandboxIntent
from storefront.payment.services import (
    payment_method_from_input,
    payment_refresh,
    payment_result_apply,
    payment_start,
)
from tests.factories.orders import make_order

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Source = get_model("payment", "Source")

pytestmark = pytest.mark.django_db
RETURN_URL = "http://testserver/shop/checkout/orders/x/payment-return/"


def _pay(order, card="4242 4242 4242 4242", key=None):
    return payment_start(order=order, payment_method=payment_method_from_input(card_number=card),
                         return_url=RETURN_URL, request_key=key)


@pytest.fixture
def paid_signals():
    received = {"paid": [], "refunded": []}

    def on_paid(sender, order, **kwargs):
        received["paid"].append(order.number)

    def on_refunded(sender, payment, amount, **kwargs):
        received["refunded"].append((payment.pk, amount))

    order_paid.connect(on_paid)
    payment_refunded.connect(on_refunded)
    yield received
    order_paid.disconnect(on_paid)
    payment_refunded.disconnect(on_refunded)


def test_the_success_card_pays_the_order_and_says_so_once(buyer, artwork, paid_signals,
                                                          django_capture_on_commit_callbacks):
    order = make_order(buyer, artwork)
    with django_capture_on_commit_callbacks(execute=True):
        payment = _pay(order)
    order.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED
    assert payment.gateway == "test"
    assert (payment.card_brand, payment.card_last4) == ("visa", "4242")
    assert order.status == statuses.PAID
    assert order.hold_expires_at is None
    assert paid_signals["paid"] == [order.number]
    assert [(c.from_status, c.to_status) for c in payment.history.all()] == [
        ("", "pending"), ("pending", "completed")]
    assert Source.objects.get(order=order).amount_debited == Decimal("135.00")
    assert StockRecord.objects.get(product=artwork).num_allocated == 1


def test_a_declined_card_fails_and_the_buyer_can_pay_again(buyer, artwork, paid_signals,
                                                           django_capture_on_commit_callbacks):
    order = make_order(buyer, artwork)
    with django_capture_on_commit_callbacks(execute=True):
        declined = _pay(order, "4000 0000 0000 0002")
    assert declined.status == PaymentStatus.FAILED
    assert declined.failure_code == "generic_decline"
    order.refresh_from_db()
    assert order.status == statuses.PENDING_PAYMENT
    assert paid_signals["paid"] == []
    second = _pay(order)
    assert (second.attempt, second.status) == (2, PaymentStatus.COMPLETED)
    assert second.idempotency_prefix != declined.idempotency_prefix


def test_insufficient_funds_are_reported_in_stripe_words(buyer, artwork):
    payment = _pay(make_order(buyer, artwork), "4000000000009995")
    assert payment.status == PaymentStatus.FAILED
    assert payment.failure_message == "Your card has insufficient funds."


def test_card_numbers_that_are_not_test_cards_are_refused_with_a_reason():
    with pytest.raises(InvalidPaymentMethod, match="invalid"):
        payment_method_from_input(card_number="4242 4242 4242 4241")
    with pytest.raises(InvalidPaymentMethod, match="test cards"):
        payment_method_from_input(card_number="4012 8888 8888 1881")


def test_three_d_secure_waits_for_the_buyer_then_completes(buyer, artwork):
    order = make_order(buyer, artwork)
    payment = _pay(order, "4000 0027 6000 3184")
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    assert "/test-3ds/" in payment.next_action_url
    assert sandbox.intent_authenticate(intent_id=payment.intent_id, approve=True) == RETURN_URL
    assert payment_refresh(payment=payment).status == PaymentStatus.COMPLETED
    order.refresh_from_db()
    assert order.status == statuses.PAID


def test_failed_authentication_fails_the_payment(buyer, artwork):
    payment = _pay(make_order(buyer, artwork), "4000 0027 6000 3184")
    sandbox.intent_authenticate(intent_id=payment.intent_id, approve=False)
    payment = payment_refresh(payment=payment)
    assert payment.status == PaymentStatus.FAILED
    assert payment.failure_code == "payment_intent_authentication_failure"


def test_submitting_twice_with_the_same_key_is_one_payment(buyer, artwork):
    order = make_order(buyer, artwork)
    first = _pay(order, key="form-token-1")
    again = _pay(order, key="form-token-1")
    assert again.pk == first.pk
    assert Payment.objects.count() == 1
    assert SandboxIntent.objects.count() == 1


def test_the_same_key_with_another_card_is_refused(buyer, artwork):
    order = make_order(buyer, artwork)
    _pay(order, "4000 0000 0000 0002", key="form-token-1")
    with pytest.raises(IdempotencyKeyReused):
        _pay(order, key="form-token-1")


def test_a_paid_order_takes_no_second_payment(buyer, artwork):
    order = make_order(buyer, artwork)
    _pay(order)
    with pytest.raises(OrderNotPayable):
        _pay(order)
    assert SandboxIntent.objects.count() == 1


def test_a_late_failure_never_undoes_a_completed_payment(buyer, artwork):
    payment = _pay(make_order(buyer, artwork))
    late = IntentResult(intent_id=payment.intent_id, gateway_status="requires_payment_method", amount_minor=13500,
                        currency="USD", error_code="card_declined", error_message="Declined")
    assert payment_result_apply(payment=payment, result=late, source="webhook") is False
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.COMPLETED
    assert payment.history.count() == 2


def test_a_result_for_another_amount_never_completes_the_payment(buyer, artwork):
    payment = _pay(make_order(buyer, artwork), "4000 0027 6000 3184")
    wrong = IntentResult(intent_id=payment.intent_id, gateway_status="succeeded", amount_minor=100, currency="USD")
    assert payment_result_apply(payment=payment, result=wrong, source="webhook") is False
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_ACTION


def _lapse(order):
    Order.objects.filter(pk=order.pk).update(hold_expires_at=timezone.now() - timedelta(minutes=1))
    order_holds_release_expired()
    order.refresh_from_db()


def test_paying_a_lapsed_order_whose_work_was_sold_is_refused_without_charge(buyer, other_buyer, artwork):
    order = make_order(buyer, artwork)
    _lapse(order)
    assert order.status == statuses.EXPIRED
    _pay(make_order(other_buyer, artwork))
    with pytest.raises(ArtworkUnavailable):
        _pay(order)
    assert SandboxIntent.objects.count() == 1
    assert not Payment.objects.filter(order=order).exists()


def test_paying_a_lapsed_order_whose_work_is_still_free_reclaims_it(buyer, artwork):
    order = make_order(buyer, artwork)
    _lapse(order)
    assert StockRecord.objects.get(product=artwork).num_allocated == 0
    assert _pay(order).status == PaymentStatus.COMPLETED
    order.refresh_from_db()
    assert order.status == statuses.PAID
    assert StockRecord.objects.get(product=artwork).num_allocated == 1


def test_a_payment_that_succeeds_after_the_work_was_sold_is_refunded_once(buyer, other_buyer, artwork,
                                                                          paid_signals,
                                                                          django_capture_on_commit_callbacks):
    slow = make_order(buyer, artwork)
    pending = _pay(slow, "4000 0027 6000 3184")  # the buyer is away on the 3-D Secure page...
    _lapse(slow)  # ...long enough for the hold to lapse
    winner = make_order(other_buyer, artwork)
    sandbox.intent_authenticate(intent_id=pending.intent_id, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        _pay(winner)
        payment_refresh(payment=pending)
    refunded = Payment.objects.get(pk=pending.pk)
    assert refunded.status == PaymentStatus.REFUNDED
    assert refunded.amount_refunded == refunded.amount
    assert refunded.needs_refund is False
    assert SandboxIntent.objects.get(intent_id=pending.intent_id).amount_refunded_minor == 13500
    slow.refresh_from_db()
    winner.refresh_from_db()
    assert (slow.status, winner.status) == (statuses.CANCELLED, statuses.PAID)
    assert paid_signals["paid"] == [winner.number]
    assert paid_signals["refunded"] == [(pending.pk, Decimal("135.00"))]
    with django_capture_on_commit_callbacks(execute=True):
        assert payment_refresh(payment=refunded).status == PaymentStatus.REFUNDED  # nothing happens twice
    assert paid_signals["refunded"] == [(pending.pk, Decimal("135.00"))]
    assert StockRecord.objects.get(product=artwork).num_allocated == 1


def test_a_buyer_who_abandons_authentication_can_pay_with_another_card(buyer, artwork):
    order = make_order(buyer, artwork)
    abandoned = _pay(order, "4000 0027 6000 3184", key="first")
    paid = _pay(order, "4242 4242 4242 4242", key="second")
    assert paid.status == PaymentStatus.COMPLETED
    abandoned.refresh_from_db()
    assert (abandoned.status, abandoned.failure_code) == (PaymentStatus.FAILED, "abandoned")
    assert SandboxIntent.objects.get(intent_id=abandoned.intent_id).status == "canceled"


def test_an_authentication_finished_in_another_tab_wins_over_a_new_attempt(buyer, artwork):
    order = make_order(buyer, artwork)
    first = _pay(order, "4000 0027 6000 3184", key="first")
    sandbox.intent_authenticate(intent_id=first.intent_id, approve=True)
    with pytest.raises(OrderNotPayable):
        _pay(order, "4242 4242 4242 4242", key="second")
    first.refresh_from_db()
    assert first.status == PaymentStatus.COMPLETED
    assert Payment.objects.filter(order=order).count() == 1
