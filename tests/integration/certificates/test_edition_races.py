"""Many buyers paying for prints of one edition at the same moment: every print a different number, 1 to N."""
from decimal import Decimal

import pytest

from artists.models import Certificate
from storefront.payment.models import PaymentStatus
from storefront.payment.services import payment_start
from tests.factories.catalogue import make_artwork, make_buyer
from tests.factories.concurrency import run_each_together
from tests.factories.orders import make_order

BUYERS = 20
RETURN_URL = "http://testserver/shop/checkout/orders/x/payment-return/"

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_twenty_concurrent_payments_for_one_edition_number_the_prints_1_to_20_once_each(artist):
    # The built-in test gateway (in-process): the race is the database's, not a fake server's sockets.
    edition = make_artwork(artist, title="Tide Table", kind="edition", edition_size=BUYERS, price=Decimal("80.00"))
    orders = [make_order(make_buyer(), edition) for _ in range(BUYERS)]

    def pay(order):
        return payment_start(order=order, payment_method="pm_card_visa", return_url=RETURN_URL).status

    results = run_each_together(pay, orders)
    assert results == [PaymentStatus.COMPLETED] * BUYERS
    numbers = sorted(Certificate.objects.filter(artwork=edition).values_list("edition_number", flat=True))
    assert numbers == list(range(1, BUYERS + 1))
    assert Certificate.objects.values("line__order").distinct().count() == BUYERS
    # In sale order: each later certificate carries a later (or the same) sale time.
    by_number = list(Certificate.objects.filter(artwork=edition).order_by("edition_number"))
    assert all(a.sold_at <= b.sold_at for a, b in zip(by_number, by_number[1:]))

