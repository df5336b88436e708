"""A buyer's account in the Artiqo shell: register, log in and out, profile, password, addresses, orders."""
import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from tests.factories.orders import address_data

UserAddress = get_model("address", "UserAddress")
User = get_user_model()


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_a_visitor_registers_with_their_name_and_is_logged_in(client, site_tree):
    form = client.get("/shop/accounts/register/").content.decode()
    assert 'name="first_name"' in form and 'name="last_name"' in form
    response = client.post("/shop/accounts/register/", {
        "first_name": "Ada", "last_name": "Okafor",
        "email": "new.buyer@example.com", "password1": "Sea-and-stone-42", "password2": "Sea-and-stone-42",
    })
    assert response.status_code == 302
    user = User.objects.get(email="new.buyer@example.com")
    assert logged_in_user_id(client) == str(user.pk)
    assert user.get_full_name() == "Ada Okafor"


@pytest.mark.django_db
def test_registering_without_a_name_asks_for_it(client, site_tree):
    response = client.post("/shop/accounts/login/", {
        "registration-first_name": " ", "registration-email": "anon@example.com",
        "registration-password1": "Sea-and-stone-42", "registration-password2": "Sea-and-stone-42",
        "registration_submit": "Register",
    })
    assert response.status_code == 200
    assert 'id="id_registration-first_name"' in response.content.decode()
    assert "This field is required." in response.content.decode()
    assert not User.objects.filter(email="anon@example.com").exists()


@pytest.mark.django_db
def test_registration_with_mismatched_passwords_shows_the_error_in_the_shell(client, site_tree):
    response = client.post("/shop/accounts/register/", {
        "first_name": "X", "email": "x@example.com", "password1": "Sea-and-stone-42", "password2": "something-else-7",
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert "site-header" in html and "didn" in html  # "The two password fields didn't match."
    assert not User.objects.filter(email="x@example.com").exists()


@pytest.mark.django_db
def test_a_buyer_logs_in_with_their_email_and_out_again(client, buyer, password):
    page = client.get("/shop/accounts/login/")
    assert page.status_code == 200 and b"site-header" in page.content
    response = client.post("/shop/accounts/login/", {
        "login-username": buyer.email, "login-password": password, "login_submit": "1",
    })
    assert response.status_code == 302 and logged_in_user_id(client) == str(buyer.pk)
    header = client.get("/shop/accounts/profile/").content.decode()
    assert "Log out" in header and "Sign up" not in header
    client.post("/shop/accounts/logout/")
    assert logged_in_user_id(client) is None


@pytest.mark.django_db
def test_a_wrong_password_keeps_the_visitor_out(client, buyer):
    response = client.post("/shop/accounts/login/", {
        "login-username": buyer.email, "login-password": "not-it", "login_submit": "1",
    })
    assert response.status_code == 200 and logged_in_user_id(client) is None


@pytest.mark.django_db
def test_the_profile_shows_and_updates_name_and_email(client, buyer):
    client.force_login(buyer)
    response = client.post("/shop/accounts/profile/edit/", {
        "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com",
    })
    assert response.status_code == 302
    buyer.refresh_from_db()
    assert (buyer.first_name, buyer.last_name, buyer.email) == ("Ada", "Lovelace", "ada@example.com")
    profile = client.get("/shop/accounts/profile/").content.decode()
    assert "Ada Lovelace" in profile and "ada@example.com" in profile


@pytest.mark.django_db
def test_a_buyer_changes_their_password(client, buyer, password):
    client.force_login(buyer)
    response = client.post("/shop/accounts/change-password/", {
        "old_password": password, "new_password1": "Brand-new-canvas-88", "new_password2": "Brand-new-canvas-88",
    })
    assert response.status_code == 302
    buyer.refresh_from_db()
    assert buyer.check_password("Brand-new-canvas-88")


@pytest.mark.django_db
def test_a_buyer_adds_an_address_and_makes_it_the_default(client, buyer):
    client.force_login(buyer)
    response = client.post("/shop/accounts/addresses/add/", address_data())
    assert response.status_code == 302
    address = UserAddress.objects.get(user=buyer)
    client.post(f"/shop/accounts/addresses/{address.pk}/default_for_shipping/")
    address.refresh_from_db()
    assert address.is_default_for_shipping
    book = client.get("/shop/accounts/addresses/").content.decode()
    assert "Strandkaien 3" in book and "site-header" in book


@pytest.mark.django_db
def test_the_order_history_page_renders_for_a_buyer(client, buyer):
    client.force_login(buyer)
    response = client.get("/shop/accounts/orders/")
    assert response.status_code == 200 and b"site-header" in response.content


@pytest.mark.django_db
def test_account_pages_need_a_login(client, site_tree):
    response = client.get("/shop/accounts/profile/")
    assert response.status_code == 302 and response["Location"].startswith("/shop/accounts/login/")
