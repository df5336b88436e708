"""Payout fixtures: paying an order through the gateway in use, shipping an artist's lines, refunds, webhooks."""
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from storefront.payment import services as payment_services
from storefront.payment.gateway import amount_to_minor
from storefront.payment.models import PaymentStatus
from storefront.payouts.models import ConnectedAccount
from studio.services import order_lines_ship
from tests.factories.orders import make_order

Line = get_model("order", "Line")
RETURN_URL = "http://testserver/shop/checkout/orders/x/payment-return/"
WEBHOOK_URL = "/payments/stripe/webhook/"
WEBHOOK_SECRET = "whsec_artiqo_fake"  # what the fake_stripe fixture configures


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs what the code defers to after its commit (signals, transfers), as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def paid(buyer, commit):
    """`paid(*artworks, shipping="standard")` → the buyer's order of them, paid by card (pm_card_visa)."""

    def pay(*artworks, shipping: str = "standard"):
        with commit():
            order = make_order(buyer, *artworks, shipping_method_code=shipping)
            payment = payment_services.payment_start(order=order, payment_method="pm_card_visa",
                                                     return_url=RETURN_URL)
        assert payment.status == PaymentStatus.COMPLETED
        order.refresh_from_db()
        return order

    return pay


@pytest.fixture
def ship(commit):
    """`ship(artist, order, only=None)`: the artist marks their lines (or the given ones) shipped in the studio."""

    def mark(artist, order, only=None):
        lines = only or list(
            Line.objects.filter(order=order, partner_id=artist.partner_id).values_list("pk", flat=True)
        )
        with commit():
            order_lines_ship(artist=artist, order=order, line_ids=lines, notify=False)

    return mark


@pytest.fixture
def refund(commit):
    """`refund(order, amount)`: refund that much of the order's payment at the gateway and record it."""

    def give_back(order, amount: Decimal):
        payment = order.payments.get(status__in=(PaymentStatus.COMPLETED, PaymentStatus.REFUNDED))
        gateway = payment_services._gateway_for(payment)
        result = gateway.refund_create(intent_id=payment.intent_id,
                                       amount_minor=amount_to_minor(amount, payment.currency),
                                       idempotency_key=f"test-refund-{payment.pk}-{amount}-{payment.amount_refunded}",
                                       metadata={})
        with commit():
            payment_services.payment_refund_record(
                payment=payment, refunded_total_minor=amount_to_minor(payment.amount_refunded + amount,
                                                                      payment.currency),
                refund_id=result.refund_id, source="refund", reason="the buyer returned it")

    return give_back


@pytest.fixture
def deliver(client, commit):
    """`deliver(fake_stripe, event)`: POST an event to the webhook, signed as Stripe signs it; its JSON answer."""

    def post(fake, event):
        payload, header = fake.signed_event(event, WEBHOOK_SECRET)
        with commit():
            answer = client.post(WEBHOOK_URL, data=payload, content_type="application/json",
                                 HTTP_STRIPE_SIGNATURE=header)
        assert answer.status_code == 200, answer.content
        return answer.json()

    return post


def account_of(artist) -> ConnectedAccount | None:
    return ConnectedAccount.objects.filter(artist=artist).first()
