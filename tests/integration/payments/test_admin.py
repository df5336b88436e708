"""Admins see every payment attempt with its history, read-only, in the Django admin."""
import pytest

from storefront.payment.services import payment_method_from_input, payment_start
from tests.factories.orders import make_order

pytestmark = pytest.mark.django_db


def test_an_admin_sees_a_payment_and_its_history(client, admin_user, buyer, artwork):
    order = make_order(buyer, artwork)
    payment = payment_start(order=order, payment_method=payment_method_from_input(card_number="4000000000000002"),
                            return_url="http://testserver/")
    client.force_login(admin_user)
    listing = client.get("/django-admin/payment/payment/")
    assert listing.status_code == 200
    assert order.number.encode() in listing.content
    detail = client.get(f"/django-admin/payment/payment/{payment.pk}/change/")
    assert detail.status_code == 200
    assert b"Payment failed: Your card was declined." in detail.content
    assert client.get("/django-admin/payment/payment/add/").status_code == 403
    assert client.get("/django-admin/payment/stripewebhookevent/").status_code == 200
