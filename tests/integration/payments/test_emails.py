"""The emails a payment sends, through the outbox: confirmation, sale notices, failure, refund."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from artiqo.outbox.models import OutboxMessage
from storefront.order.holds import order_holds_release_expired
from storefront.payment import sandbox
from storefront.payment.services import payment_method_from_input, payment_refresh, payment_result_apply, payment_start
from tests.factories.catalogue import make_artwork
from tests.factories.orders import make_order

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db
RETURN_URL = "http://testserver/shop/checkout/orders/x/payment-return/"


def _pay(order, card="4242424242424242"):
    return payment_start(order=order, payment_method=payment_method_from_input(card_number=card),
                         return_url=RETURN_URL)


def _mail_to(address):
    return [message for message in OutboxMessage.objects.order_by("pk") if address in message.to]


def test_a_paid_order_confirms_to_the_buyer_and_tells_each_artist_only_their_works(buyer, artwork, other_artist):
    other_work = make_artwork(other_artist, title="Fjord in Fog", price=Decimal("80.00"))
    order = make_order(buyer, artwork, other_work)
    _pay(order)
    [confirmation] = _mail_to(buyer.email)
    assert confirmation.subject == f"Your Artiqo order {order.number} is confirmed"
    assert "Harbour at Dusk" in confirmation.text and "Fjord in Fog" in confirmation.text
    assert "Total paid: $230.00" in confirmation.text
    [mira] = _mail_to(artwork.artist.user.email)
    [tomas] = _mail_to(other_artist.user.email)
    assert mira.subject == f"You sold “Harbour at Dusk” — order {order.number}"
    assert "Harbour at Dusk" in mira.text and "Fjord in Fog" not in mira.text
    assert "Fjord in Fog" in tomas.text and "Harbour at Dusk" not in tomas.text
    assert "Strandkaien 3" in mira.text  # where to post it


def test_hearing_twice_that_a_payment_completed_mails_once(buyer, artwork):
    payment = _pay(make_order(buyer, artwork), "4000 0027 6000 3184")
    sandbox.intent_authenticate(intent_id=payment.intent_id, approve=True)
    payment_refresh(payment=payment)
    result = sandbox.payment_intent_retrieve(intent_id=payment.intent_id, idempotency_key="again")
    payment_result_apply(payment=payment, result=result, source="webhook")
    assert len(_mail_to(buyer.email)) == 1


def test_a_declined_payment_tells_the_buyer_how_to_try_again(buyer, artwork):
    order = make_order(buyer, artwork)
    _pay(order, "4000000000000002")
    [notice] = _mail_to(buyer.email)
    assert notice.subject == f"Your payment for Artiqo order {order.number} did not go through"
    assert "Your card was declined." in notice.text
    assert f"/shop/checkout/orders/{order.number}/pay/" in notice.text
    assert not _mail_to(artwork.artist.user.email)


def test_a_refunded_lost_race_is_explained_to_the_buyer(buyer, other_buyer, artwork,
                                                       django_capture_on_commit_callbacks):
    slow = make_order(buyer, artwork)
    pending = _pay(slow, "4000 0027 6000 3184")
    Order.objects.filter(pk=slow.pk).update(hold_expires_at=timezone.now() - timedelta(minutes=1))
    order_holds_release_expired()
    _pay(make_order(other_buyer, artwork))
    sandbox.intent_authenticate(intent_id=pending.intent_id, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        payment_refresh(payment=pending)
    [refund] = [m for m in _mail_to(buyer.email) if "refunded" in m.subject]
    assert "sold to another buyer" in refund.text
    assert "$135.00" in refund.text
    assert not [m for m in _mail_to(buyer.email) if "confirmed" in m.subject]
