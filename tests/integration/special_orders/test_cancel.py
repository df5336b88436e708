"""Cancelling an accepted special order: the work leaves the cart and can no longer be paid for."""
import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from artists.exceptions import Conflict
from commissions import services as so
from storefront.basket.services import basket_for_user
from storefront.order.services import order_mark_paid, order_place
from tests.factories.orders import address_data

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def _checkout(buyer):
    return order_place(user=buyer, basket=basket_for_user(user=buyer), shipping_address=address_data(),
                       shipping_method_code="standard")


def test_cancelling_an_accepted_special_order_takes_the_work_out_of_the_cart_for_good(special_order_in, buyer):
    special_order = special_order_in("accepted")
    assert basket_for_user(user=buyer).num_lines == 1
    so.special_order_cancel(special_order=special_order, user=buyer)
    assert basket_for_user(user=buyer).num_lines == 0
    assert StockRecord.objects.get(product_id=special_order.artwork_id).num_in_stock == 0
    with pytest.raises(Conflict):
        so.special_order_cart_add(special_order=special_order, user=buyer)


def test_a_work_held_by_a_checkout_cannot_be_cancelled_until_the_hold_ends(special_order_in, buyer, artist):
    special_order = special_order_in("accepted")
    order = _checkout(buyer)
    with pytest.raises(Conflict, match="paying for this work right now"):
        so.special_order_cancel(special_order=special_order, user=artist.user)
    special_order.refresh_from_db()
    assert special_order.status == "accepted"

    Order.objects.filter(pk=order.pk).update(hold_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    so.special_order_cancel(special_order=special_order, user=artist.user, reason="No answer.")
    special_order.refresh_from_db()
    assert special_order.status == "cancelled"
    # A payment arriving late for the lapsed checkout cannot claim the cancelled work.
    assert order_mark_paid(order=Order.objects.get(pk=order.pk)) is False


@pytest.mark.parametrize("state", ["paid", "in_progress"])
def test_after_payment_neither_side_can_cancel(special_order_in, state):
    special_order = special_order_in(state)
    for who in (special_order.buyer, special_order.artist.user):
        with pytest.raises(Conflict, match="paid for"):
            so.special_order_cancel(special_order=special_order, user=who)


def test_the_buyer_can_put_an_accepted_work_back_into_the_cart(special_order_in, buyer):
    special_order = special_order_in("accepted")
    basket = basket_for_user(user=buyer)
    basket.flush()
    so.special_order_cart_add(special_order=special_order, user=buyer)
    so.special_order_cart_add(special_order=special_order, user=buyer)  # twice: still one
    lines = list(basket_for_user(user=buyer).all_lines())
    assert [(line.product_id, line.quantity) for line in lines] == [(special_order.artwork_id, 1)]
