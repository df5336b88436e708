"""Lock-outs and rate limits on the web's login, sign-up and password reset, forged XFF or not."""
import pytest
from django.core import mail
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()


def _web_login(client, username, password, n):
    return client.post("/shop/accounts/login/", {"login-username": username, "login-password": password,
                                                 "login_submit": "Log in"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")


def test_five_wrong_passwords_lock_the_account_on_the_web_even_from_new_addresses(client, buyer, password):
    for n in range(5):
        assert _web_login(client, buyer.email, "wrong-password", n).status_code == 200
    response = _web_login(client, buyer.email, password, 99)
    assert "Too many failed logins for this account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_web_failures_and_api_failures_count_towards_one_lock(client, api_client, buyer, password):
    for n in range(5):
        _web_login(client, buyer.email.upper(), "wrong-password", n)
    response = api_client.post("/api/v1/users/login", {"username": buyer.email, "password": password},
                               format="json")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_a_successful_web_login_clears_earlier_failures(client, buyer, password):
    for n in range(4):
        _web_login(client, buyer.email, "wrong-password", n)
    assert _web_login(client, buyer.email, password, 0).status_code == 302
    client.logout()
    for n in range(4):
        _web_login(client, buyer.email, "wrong-password", n)
    assert _web_login(client, buyer.email, password, 0).status_code == 302


def _register(client, url, n):
    data = {"first_name": f"New {n}", "email": f"new{n}@example.com",
            "password1": "Sea-glass-lantern-42", "password2": "Sea-glass-lantern-42"}
    if url.endswith("/login/"):
        data = {f"registration-{key}": value for key, value in data.items()} | {"registration_submit": "Register"}
    return client.post(url, data, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")


@pytest.mark.parametrize("url", ["/shop/accounts/register/", "/shop/accounts/login/"])
def test_sign_ups_from_one_address_are_limited_whatever_address_it_claims(client, settings, url):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"register": "2/hour", "password_reset": "5/hour"}}
    for n in range(2):
        assert _register(client, url, n).status_code == 302
        client.logout()
    refused = _register(client, url, 3)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "too many sign-ups" in refused.content.decode()


def test_password_reset_emails_from_one_address_are_limited(client, buyer, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"register": "10/hour", "password_reset": "2/hour"}}
    for n in range(2):
        response = client.post("/shop/password-reset/", {"email": buyer.email}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        assert response.status_code == 302
    response = client.post("/shop/password-reset/", {"email": buyer.email}, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 429 and "password-reset emails" in response.content.decode()
    assert len(mail.outbox) == 2
