"""The cart: visitors log in before adding, sold originals and excess quantities are refused, lines change."""
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from oscar.core.loading import get_model

from storefront.basket.views import PENDING_ADD_KEY
from tests.factories.catalogue import make_buyer
from tests.factories.orders import make_basket
from tests.factories.storefront import mark_sold

Basket = get_model("basket", "Basket")


def cart_of(user) -> dict[str, int]:
    basket = Basket.open.filter(owner=user).first()
    if basket is None:
        return {}
    return {line.product.title: line.quantity for line in basket.lines.select_related("product")}


def add_url(artwork) -> str:
    return f"/shop/basket/add/{artwork.pk}/"


def login_next(response) -> str:
    """Where the login page will send the visitor back to (the redirect must go to the login page)."""
    location = urlsplit(response["Location"])
    assert location.path == "/shop/accounts/login/"
    return parse_qs(location.query)["next"][0]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


@pytest.mark.django_db
def test_a_visitor_adding_to_cart_is_sent_to_log_in_and_comes_back_with_the_work_in_the_cart(
        storefront_catalogue, buyer, password):
    client = Client(enforce_csrf_checks=True)
    harbour = storefront_catalogue["works"]["harbour"]
    page = client.get(harbour.get_absolute_url())
    token = page.cookies["csrftoken"].value
    response = client.post(add_url(harbour), {"quantity": "1", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert login_next(response) == add_url(harbour)
    assert not Basket.objects.filter(lines__product=harbour).exists()

    login = client.get(response["Location"])
    token = login.cookies["csrftoken"].value if "csrftoken" in login.cookies else token
    response = client.post(response["Location"], {
        "login-username": buyer.email, "login-password": password, "login-redirect_url": add_url(harbour),
        "login_submit": "1", "csrfmiddlewaretoken": token,
    })
    assert response.status_code == 302 and response["Location"] == add_url(harbour)
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == "/shop/basket/"
    assert cart_of(buyer) == {"Harbour at Dusk": 1}
    assert any("is in your cart" in message for message in messages_of(response))


@pytest.mark.django_db
def test_a_visitor_who_registers_instead_also_gets_the_work_in_their_new_cart(client, storefront_catalogue):
    poster = storefront_catalogue["works"]["poster"]
    response = client.post(add_url(poster), {"quantity": "2"})
    next_url = add_url(poster)
    assert login_next(response) == next_url
    response = client.post("/shop/accounts/login/", {
        "registration-first_name": "Newcomer", "registration-email": "newcomer@example.com",
        "registration-password1": "Linen-and-oak-31",
        "registration-password2": "Linen-and-oak-31", "registration-redirect_url": next_url,
        "registration_submit": "1",
    }, follow=True)
    newcomer = get_model("auth", "User").objects.get(email="newcomer@example.com")
    assert cart_of(newcomer) == {"Night Market Print": 2}
    assert response.redirect_chain[-1][0] == "/shop/basket/"


@pytest.mark.django_db
def test_opening_the_add_link_without_having_asked_adds_nothing(client, storefront_catalogue, buyer):
    harbour = storefront_catalogue["works"]["harbour"]
    client.force_login(buyer)
    response = client.get(add_url(harbour))
    assert response.status_code == 302 and response["Location"] == harbour.get_absolute_url()
    assert cart_of(buyer) == {}


@pytest.mark.django_db
def test_a_pending_add_is_only_used_once_and_only_for_its_work(client, storefront_catalogue, buyer):
    harbour, fjord = storefront_catalogue["works"]["harbour"], storefront_catalogue["works"]["fjord"]
    client.post(add_url(harbour), {"quantity": "1"})
    client.force_login(buyer)
    client.get(add_url(fjord))
    assert cart_of(buyer) == {}
    client.get(add_url(harbour))
    client.get(add_url(harbour))
    assert cart_of(buyer) == {"Harbour at Dusk": 1}
    assert PENDING_ADD_KEY not in client.session


@pytest.mark.django_db
def test_a_buyer_adds_a_work_and_sees_a_confirmation(client, storefront_catalogue, buyer):
    client.force_login(buyer)
    harbour = storefront_catalogue["works"]["harbour"]
    response = client.post(add_url(harbour), {"quantity": "1"}, follow=True)
    assert cart_of(buyer) == {"Harbour at Dusk": 1}
    assert response.redirect_chain[-1][0] == harbour.get_absolute_url()
    assert "is in your cart" in response.content.decode()


@pytest.mark.django_db
def test_a_sold_original_cannot_be_added(client, storefront_catalogue, buyer):
    client.force_login(buyer)
    sold = storefront_catalogue["works"]["sold"]
    response = client.post(add_url(sold), {"quantity": "1"}, follow=True)
    assert cart_of(buyer) == {}
    assert "“Sold Lighthouse” is sold." in messages_of(response)


@pytest.mark.django_db
def test_an_original_cannot_be_added_twice(client, storefront_catalogue, buyer):
    client.force_login(buyer)
    harbour = storefront_catalogue["works"]["harbour"]
    client.post(add_url(harbour), {"quantity": "1"})
    response = client.post(add_url(harbour), {"quantity": "1"}, follow=True)
    assert cart_of(buyer) == {"Harbour at Dusk": 1}
    assert any("Only 1 of “Harbour at Dusk”" in message for message in messages_of(response))


@pytest.mark.django_db
def test_more_prints_than_are_left_are_refused(client, storefront_catalogue, buyer):
    client.force_login(buyer)
    poster = mark_sold(storefront_catalogue["works"]["poster"], quantity=2)
    response = client.post(add_url(poster), {"quantity": "4"}, follow=True)
    assert cart_of(buyer) == {}
    assert "Only 3 of “Night Market Print” can be bought; you asked for 4." in messages_of(response)
    client.post(add_url(poster), {"quantity": "3"})
    assert cart_of(buyer) == {"Night Market Print": 3}


@pytest.mark.django_db
@pytest.mark.parametrize("quantity", ["abc", "0", "-2", ""])
def test_a_nonsense_quantity_is_refused_with_a_message(client, storefront_catalogue, buyer, quantity):
    client.force_login(buyer)
    response = client.post(add_url(storefront_catalogue["works"]["poster"]), {"quantity": quantity}, follow=True)
    assert response.status_code == 200 and cart_of(buyer) == {}
    assert any("whole number" in message for message in messages_of(response))


@pytest.mark.django_db
def test_adding_a_work_that_does_not_exist_is_404(client, storefront_catalogue, buyer):
    client.force_login(buyer)
    assert client.post("/shop/basket/add/999999/", {"quantity": "1"}).status_code == 404


def basket_form(client) -> dict:
    """The cart page's line formset as the browser would post it back."""
    formset = client.get("/shop/basket/").context["formset"]
    data = {f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()}
    for index, form in enumerate(formset.forms):
        data[f"{formset.prefix}-{index}-id"] = str(form.instance.pk)
        data[f"{formset.prefix}-{index}-quantity"] = str(form.instance.quantity)
    return data


@pytest.mark.django_db
def test_the_cart_page_lists_the_lines_and_the_total(client, storefront_catalogue, buyer):
    make_basket(buyer, storefront_catalogue["works"]["harbour"], storefront_catalogue["works"]["storm"])
    client.force_login(buyer)
    html = client.get("/shop/basket/").content.decode()
    assert "Harbour at Dusk" in html and "Red Storm" in html and "$1,070.00" in html
    assert "Proceed to checkout" in html


@pytest.mark.django_db
def test_changing_a_quantity_in_the_cart_within_the_stock(client, storefront_catalogue, buyer):
    make_basket(buyer, storefront_catalogue["works"]["poster"])
    client.force_login(buyer)
    data = basket_form(client)
    data["form-0-quantity"] = "4"
    client.post("/shop/basket/", data)
    assert cart_of(buyer) == {"Night Market Print": 4}


@pytest.mark.django_db
def test_raising_a_quantity_in_the_cart_above_the_stock_is_refused(client, storefront_catalogue, buyer):
    make_basket(buyer, storefront_catalogue["works"]["poster"])
    client.force_login(buyer)
    data = basket_form(client)
    data["form-0-quantity"] = "6"
    response = client.post("/shop/basket/", data)
    assert cart_of(buyer) == {"Night Market Print": 1}
    # Oscar's own wording (basket.is_quantity_allowed counts the line being changed twice).
    assert "Available stock is only 5" in response.content.decode()


@pytest.mark.django_db
def test_removing_a_line_from_the_cart(client, storefront_catalogue, buyer):
    make_basket(buyer, storefront_catalogue["works"]["harbour"], storefront_catalogue["works"]["fjord"])
    client.force_login(buyer)
    data = basket_form(client)
    data["form-0-DELETE"] = "on"  # what the line's "Remove" button sends
    client.post("/shop/basket/", data)
    assert cart_of(buyer) == {"Quiet Fjord": 1}


@pytest.mark.django_db
def test_one_buyers_pending_add_does_not_reach_another_buyer(storefront_catalogue):
    visitor, other = Client(), Client()
    harbour = storefront_catalogue["works"]["harbour"]
    visitor.post(add_url(harbour), {"quantity": "1"})
    someone = make_buyer()
    other.force_login(someone)
    other.get(add_url(harbour))
    assert cart_of(someone) == {}
