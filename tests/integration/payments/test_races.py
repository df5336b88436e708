"""Many buyers, one original: exactly one order is paid, one card charged, everyone else told."""
import time

import pytest
from django.db import connection
from oscar.core.loading import get_class, get_model
from rest_framework.test import APIClient

from storefront.order.exceptions import ArtworkUnavailable, OrderNotPayable
from storefront.order.services import order_place
from storefront.payment.exceptions import PaymentInProgress
from storefront.payment.models import Payment, PaymentStatus
from storefront.payment.services import payment_start
from tests.factories.catalogue import make_buyer
from tests.factories.concurrency import run_each_together
from tests.factories.orders import address_data, make_basket, make_order

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

RETURN_URL = "http://testserver/shop/checkout/orders/x/payment-return/"
BUYERS = 50

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _server_database_only():
    if connection.vendor == "sqlite":
        pytest.skip("Races need a server database with row locks and real concurrency (run on MariaDB)")


def test_fifty_buyers_checking_out_one_original_make_exactly_one_sale(fake_stripe, artwork):
    buyers = [make_buyer() for _ in range(BUYERS)]
    for buyer in buyers:
        make_basket(buyer, artwork)
    address = address_data()

    def checkout(buyer):
        basket = Basket.open.get(owner=buyer)
        basket.strategy = Selector().strategy(user=buyer)
        try:
            order = order_place(user=buyer, basket=basket, shipping_address=address)
        except ArtworkUnavailable:
            return ("just sold", None)
        return ("paid", payment_start(order=order, payment_method="pm_card_visa", return_url=RETURN_URL).status)

    started = time.monotonic()
    results = run_each_together(checkout, buyers)
    elapsed = time.monotonic() - started
    assert sorted(results, key=str) == [("just sold", None)] * (BUYERS - 1) + [("paid", PaymentStatus.COMPLETED)]
    assert Order.objects.count() == 1
    assert Payment.objects.get().status == PaymentStatus.COMPLETED
    assert len(fake_stripe.charges) == 1
    stock = StockRecord.objects.get(product=artwork)
    assert (stock.num_in_stock, stock.num_allocated) == (1, 1)
    print(f"\n{BUYERS} concurrent checkouts of one original: {elapsed:.2f}s")


def test_fifty_buyers_through_the_api_get_one_sale_and_forty_nine_clean_409s(fake_stripe, artwork):
    buyers = [make_buyer() for _ in range(BUYERS)]
    clients = []
    for buyer in buyers:
        make_basket(buyer, artwork)
        client = APIClient()
        client.force_authenticate(buyer)
        clients.append(client)

    def checkout(client):
        placed = client.post("/api/v1/orders/", {"shipping_method": "collect"}, format="json")
        if placed.status_code != 201:
            return (placed.status_code, placed.json()["error"]["code"])
        paid = client.post(f"/api/v1/orders/{placed.json()['number']}/pay", {"payment_method": "pm_card_visa"},
                           format="json")
        return (paid.status_code, paid.json().get("status"))

    results = run_each_together(checkout, clients)
    assert sorted(results, key=str) == [(200, "completed")] + [(409, "sold_out")] * (BUYERS - 1)
    assert Order.objects.count() == 1
    assert len(fake_stripe.charges) == 1


def test_ten_clicks_on_pay_for_one_order_charge_once(fake_stripe, buyer, artwork):
    order = make_order(buyer, artwork)

    def pay(n):
        try:
            return payment_start(order=order, payment_method="pm_card_visa", return_url=RETURN_URL,
                                 request_key=f"click-{n}").status
        except (PaymentInProgress, OrderNotPayable) as refused:
            return type(refused).__name__

    results = run_each_together(pay, list(range(10)))
    assert results.count(PaymentStatus.COMPLETED) == 1
    assert set(results) <= {PaymentStatus.COMPLETED, "PaymentInProgress", "OrderNotPayable"}
    assert Payment.objects.filter(order=order).count() == 1
    assert len(fake_stripe.charges) == 1
