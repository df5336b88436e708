"""A special order's quote includes delivery: checkout adds none for it, and the cart says what delivery costs."""
from decimal import Decimal

import pytest

from storefront.basket.services import basket_for_user, basket_line_add
from storefront.order.services import order_place
from storefront.shipping.methods import StandardDelivery
from tests.factories.catalogue import make_artwork
from tests.factories.orders import address_data

pytestmark = pytest.mark.django_db


def test_an_accepted_quote_is_paid_at_its_price_with_no_delivery_on_top(special_order_in, buyer):
    special_order = special_order_in("accepted")
    basket = basket_for_user(user=buyer)
    assert StandardDelivery().calculate(basket).excl_tax == Decimal("0.00")
    order = order_place(user=buyer, basket=basket, shipping_address=address_data(), shipping_method_code="standard")
    assert order.total_incl_tax == special_order.quote_price == Decimal("350.00")
    assert order.shipping_incl_tax == Decimal("0.00")


def test_other_works_by_the_same_artist_in_the_cart_still_pay_their_delivery(special_order_in, buyer, artist):
    special_order_in("accepted")
    print_ = make_artwork(artist, title="Harbour print", price=Decimal("80.00"))
    basket_line_add(user=buyer, product_id=print_.pk)
    basket = basket_for_user(user=buyer)
    assert StandardDelivery().calculate(basket).excl_tax == StandardDelivery().rate_per_artist


def test_the_quote_and_the_cart_say_what_delivery_costs(client, special_order_in, buyer, artist):
    special_order = special_order_in("quoted")
    client.force_login(buyer)
    page = client.get(f"/special-orders/{special_order.pk}/").content.decode()
    assert "delivery included" in page and "no delivery charge is added at checkout" in page
    # The cart's estimate is standard delivery, not the free collection chosen only at checkout.
    work = make_artwork(artist, title="Harbour print", price=Decimal("80.00"))
    basket_line_add(user=buyer, product_id=work.pk)
    cart = client.get("/shop/basket/").content.decode()
    assert "Standard delivery" in cart and "$15.00" in cart and "collect" in cart.lower()
