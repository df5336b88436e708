"""The checkout's steps as a buyer sees them: where each page leads, the steps shown, the country offered first."""
import re

import pytest

from tests.factories.orders import address_data, make_country

pytestmark = pytest.mark.django_db
SHOP = "/shop/checkout"


@pytest.fixture
def two_countries(db):
    return make_country("NO", "Norway"), make_country("US", "United States")


def _add_to_cart(client, artwork):
    assert client.post(f"/shop/basket/add/{artwork.pk}/", {"quantity": 1}).status_code == 302


def _current_step(html: str) -> str:
    step = re.search(r'<li class="checkout-step[^"]*" aria-current="step">.*?</span>\s*(\w+)', html, re.S)
    return step.group(1) if step else ""


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_new_delivery_address_starts_on_the_shops_default_country(client, buyer, artwork, two_countries, settings):
    settings.ARTIQO_DEFAULT_COUNTRY = "US"
    client.force_login(buyer)
    _add_to_cart(client, artwork)
    assert client.get(f"{SHOP}/shipping-address/").context["form"]["country"].value() == "US"
    settings.ARTIQO_DEFAULT_COUNTRY = "no"
    assert client.get(f"{SHOP}/shipping-address/").context["form"]["country"].value() == "NO"


def test_a_default_country_the_shop_does_not_ship_to_is_not_offered(client, buyer, artwork, two_countries, settings):
    settings.ARTIQO_DEFAULT_COUNTRY = "BE"
    client.force_login(buyer)
    _add_to_cart(client, artwork)
    page = client.get(f"{SHOP}/shipping-address/")
    assert page.context["form"]["country"].value() is None
    assert b"Belgium" not in page.content


def test_an_address_the_buyer_typed_keeps_its_country_when_they_come_back(client, buyer, artwork, two_countries,
                                                                         settings):
    settings.ARTIQO_DEFAULT_COUNTRY = "US"
    client.force_login(buyer)
    _add_to_cart(client, artwork)
    assert client.post(f"{SHOP}/shipping-address/", address_data(country="NO")).status_code == 302
    assert client.get(f"{SHOP}/shipping-address/").context["form"]["country"].value() == "NO"


def test_opening_the_review_with_an_empty_cart_leads_to_the_cart_with_a_message(client, buyer):
    client.force_login(buyer)
    response = client.get(f"{SHOP}/preview/", follow=True)
    assert response.redirect_chain[-1][0] == "/shop/basket/"
    assert _messages(response) == ["Your cart is empty: add a work to it before checking out."]
    assert b"Place order" not in response.content


def test_opening_the_review_before_choosing_an_address_leads_to_the_address_step(client, buyer, artwork):
    client.force_login(buyer)
    _add_to_cart(client, artwork)
    response = client.get(f"{SHOP}/preview/", follow=True)
    assert response.redirect_chain[-1][0] == f"{SHOP}/shipping-address/"
    assert "Where should we send your art? Choose a delivery address first." in _messages(response)
    assert _current_step(response.content.decode()) == "Address"
    assert b"Place order" not in response.content


def test_opening_the_review_before_choosing_delivery_leads_to_the_delivery_step(client, buyer, artwork):
    client.force_login(buyer)
    _add_to_cart(client, artwork)
    client.post(f"{SHOP}/shipping-address/", address_data())
    response = client.get(f"{SHOP}/preview/", follow=True)
    assert response.redirect_chain[-1][0] == f"{SHOP}/shipping-method/"
    assert _current_step(response.content.decode()) == "Delivery"
    assert b"Place order" not in response.content


def test_each_step_is_a_shop_page_that_shows_where_the_buyer_is(client, buyer, artwork):
    client.force_login(buyer)
    _add_to_cart(client, artwork)
    address = client.get(f"{SHOP}/shipping-address/").content.decode()
    client.post(f"{SHOP}/shipping-address/", address_data())
    delivery = client.get(f"{SHOP}/shipping-method/").content.decode()
    client.post(f"{SHOP}/shipping-method/", {"method_code": "standard"})
    review = client.get(f"{SHOP}/preview/").content.decode()
    for html, step in ((address, "Address"), (delivery, "Delivery"), (review, "Review")):
        assert 'class="site-header"' in html and 'class="site-footer"' in html, step
        assert _current_step(html) == step
        assert "bg-dark" not in html and "btn-success" not in html, "no Bootstrap step bar, no green button"
    assert f'href="{SHOP}/shipping-address/"' in review and f'href="{SHOP}/shipping-method/"' in review, \
        "the review links back to the address and delivery steps"
    assert "Place order and pay $135.00" in review
