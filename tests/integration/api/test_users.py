"""Users endpoints: sign up, log in and out, profile, the admin's user list."""
import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from tests.factories.api import client_for
from tests.factories.catalogue import PASSWORD, make_buyer

User = get_user_model()
pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/users/register"
LOGIN = "/api/v1/users/login"


def _register(client, *, username="newbuyer", email="new@example.com", password=PASSWORD, **extra):
    """Sign up; extra keys starting with HTTP_/REMOTE_ are request headers, others body fields."""
    headers = {key: value for key, value in extra.items() if key.startswith(("HTTP_", "REMOTE_"))}
    body = {"username": username, "email": email, "password": password, "first_name": "Noor", "last_name": "Haddad"}
    body.update({key: value for key, value in extra.items() if key not in headers})
    return client.post(REGISTER, body, format="json", **headers)


def _error(response) -> dict:
    assert set(response.json()) == {"error"}
    return response.json()["error"]


def test_a_visitor_signs_up_and_gets_the_user_without_any_password(api_client):
    response = _register(api_client)
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "newbuyer" and body["email"] == "new@example.com" and body["id"]
    assert "password" not in response.content.decode()
    assert User.objects.get(username="newbuyer").check_password(PASSWORD)


def test_a_visitor_signing_up_through_the_api_gives_their_name(api_client):
    response = _register(api_client, first_name="  Ines ", last_name="Bianchi")
    assert response.status_code == 201
    assert (response.json()["first_name"], response.json()["last_name"]) == ("Ines", "Bianchi")
    assert User.objects.get(username="newbuyer").get_full_name() == "Ines Bianchi"


def test_signing_up_through_the_api_without_a_name_is_refused_with_the_field_named(api_client):
    for name in ({"first_name": "   "}, {"first_name": ""}):
        response = _register(api_client, **name)
        assert response.status_code == 400
        assert _error(response)["fields"]["first_name"] == ["Please tell us your name."]
    body = {"username": "nameless", "email": "nameless@example.com", "password": PASSWORD}
    response = api_client.post(REGISTER, body, format="json")
    assert response.status_code == 400 and "first_name" in _error(response)["fields"]
    assert not User.objects.filter(username__in=["newbuyer", "nameless"]).exists()


def test_privileged_fields_in_the_sign_up_body_are_ignored(api_client):
    response = _register(api_client, is_staff=True, is_superuser=True, is_active=False, date_joined="2000-01-01")
    assert response.status_code == 201
    user = User.objects.get(username="newbuyer")
    assert (user.is_staff, user.is_superuser, user.is_active) == (False, False, True)
    assert user.date_joined.year > 2000


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"username": None}, "username"),
        ({"email": "not-an-email"}, "email"),
        ({"password": "12345678"}, "password"),
        ({"password": "newbuyer1"}, "password"),
        ({"password": "short"}, "password"),
        ({"username": "bad name!"}, "username"),
        ({"first_name": None}, "first_name"),
    ],
)
def test_sign_up_refuses_a_bad_field_with_its_message(api_client, overrides, field):
    body = {"username": "newbuyer", "email": "new@example.com", "password": PASSWORD, "first_name": "Noor",
            **overrides}
    response = api_client.post(REGISTER, {k: v for k, v in body.items() if v is not None}, format="json")
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "invalid" and error["fields"][field]
    assert not User.objects.filter(email="new@example.com").exists()


def test_sign_up_refuses_a_taken_username_or_email_whatever_the_case(api_client):
    make_buyer("Taken", email="taken@example.com")
    by_name = _register(api_client, username="tAKEN", email="fresh@example.com")
    by_email = _register(api_client, username="fresh", email="TAKEN@Example.com")
    assert by_name.status_code == by_email.status_code == 400
    assert "username" in _error(by_name)["fields"] and "email" in _error(by_email)["fields"]


def test_sign_up_is_throttled_per_address_and_a_forged_forwarded_for_does_not_help(api_client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"register": "3/hour"}}
    for n in range(3):
        assert _register(api_client, username=f"u{n}", email=f"u{n}@example.com").status_code == 201
    forged = _register(api_client, username="u8", email="u8@example.com", HTTP_X_FORWARDED_FOR="10.0.0.8")
    assert forged.status_code == 429
    assert _error(forged)["code"] == "throttled" and int(forged["Retry-After"]) > 0
    other_address = _register(api_client, username="u9", email="u9@example.com", REMOTE_ADDR="10.9.9.9")
    assert other_address.status_code == 201


def test_login_answers_201_with_a_token_that_works(api_client, buyer):
    response = api_client.post(LOGIN, {"username": buyer.username, "password": PASSWORD}, format="json")
    assert response.status_code == 201
    token = response.json()["token"]
    assert response.json()["user"]["id"] == buyer.pk
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/users/profile").json()["username"] == buyer.username


def test_login_accepts_the_email_too(api_client, buyer):
    response = api_client.post(LOGIN, {"username": buyer.email, "password": PASSWORD}, format="json")
    assert response.status_code == 201


def test_login_with_a_wrong_password_is_401_with_a_www_authenticate_header(api_client, buyer):
    response = api_client.post(LOGIN, {"username": buyer.username, "password": "wrong"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert _error(response)["code"] == "authentication_failed"


def test_login_with_an_unknown_user_is_401(api_client):
    response = api_client.post(LOGIN, {"username": "nobody", "password": "whatever"}, format="json")
    assert response.status_code == 401


@pytest.mark.parametrize("body", [{"username": "x"}, {"password": "x"}, {}])
def test_login_without_a_field_is_400(api_client, body):
    response = api_client.post(LOGIN, body, format="json")
    assert response.status_code == 400
    assert _error(response)["fields"]


def test_a_stale_token_does_not_stop_anyone_from_logging_in(api_client, buyer):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api_client.post(LOGIN, {"username": buyer.username, "password": PASSWORD}, format="json")
    assert response.status_code == 201


def test_an_account_is_locked_after_five_failures_whatever_the_forwarded_address(api_client, buyer):
    for n in range(5):
        response = api_client.post(LOGIN, {"username": buyer.username, "password": f"wrong{n}"}, format="json",
                                   HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert response.status_code == 429
    # Right password, other spelling of the name, other claimed address: still locked.
    for username in (buyer.username, buyer.username.upper(), buyer.email):
        locked = api_client.post(LOGIN, {"username": username, "password": PASSWORD}, format="json",
                                 HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="192.0.2.1")
        assert locked.status_code == 429
        assert _error(locked)["code"] == "login_locked"
        assert "locked" in _error(locked)["message"] and int(locked["Retry-After"]) > 0
    assert not Token.objects.filter(user=buyer).exists()


def test_a_locked_account_opens_again_after_the_lock_time(api_client, buyer, settings):
    settings.ARTIQO_LOGIN_LOCK_SECONDS = 0
    for n in range(5):
        api_client.post(LOGIN, {"username": buyer.username, "password": f"wrong{n}"}, format="json")
    response = api_client.post(LOGIN, {"username": buyer.username, "password": PASSWORD}, format="json")
    assert response.status_code == 201


def test_failures_on_one_account_do_not_lock_another(api_client, buyer, other_buyer):
    for n in range(5):
        api_client.post(LOGIN, {"username": buyer.username, "password": f"wrong{n}"}, format="json")
    response = api_client.post(LOGIN, {"username": other_buyer.username, "password": PASSWORD}, format="json")
    assert response.status_code == 201


def test_a_success_clears_earlier_failures(api_client, buyer):
    for n in range(4):
        api_client.post(LOGIN, {"username": buyer.username, "password": f"wrong{n}"}, format="json")
    assert api_client.post(LOGIN, {"username": buyer.username, "password": PASSWORD}, format="json").status_code == 201
    for n in range(4):
        response = api_client.post(LOGIN, {"username": buyer.username, "password": f"again{n}"}, format="json")
    assert response.status_code == 401


def test_logout_answers_204_and_the_token_stops_working(buyer):
    client = client_for(buyer)
    assert client.post("/api/v1/users/logout").status_code == 204
    assert not Token.objects.filter(user=buyer).exists()
    response = client.get("/api/v1/users/profile")
    assert response.status_code == 401


def test_logout_needs_credentials(api_client):
    assert api_client.post("/api/v1/users/logout").status_code == 401


def test_a_buyer_reads_their_own_profile(buyer):
    body = client_for(buyer).get("/api/v1/users/profile").json()
    assert body["id"] == buyer.pk and body["email"] == buyer.email and body["is_artist"] is False


def test_an_artist_profile_says_so(artist):
    assert client_for(artist.user).get("/api/v1/users/profile").json()["is_artist"] is True


def test_the_profile_needs_credentials(api_client):
    response = api_client.get("/api/v1/users/profile")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert _error(response)["code"] == "not_authenticated"


def test_patch_changes_only_the_given_fields_and_ignores_privileged_ones(buyer):
    response = client_for(buyer).patch(
        "/api/v1/users/profile",
        {"first_name": "Ada", "is_staff": True, "is_superuser": True, "username": "hijack", "id": 1},
        format="json",
    )
    assert response.status_code == 200
    buyer.refresh_from_db()
    assert buyer.first_name == "Ada" and buyer.username != "hijack"
    assert (buyer.is_staff, buyer.is_superuser) == (False, False)
    assert response.json()["first_name"] == "Ada"


def test_put_replaces_the_names_and_email(buyer):
    response = client_for(buyer).put(
        "/api/v1/users/profile", {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com"},
        format="json",
    )
    assert response.status_code == 200
    buyer.refresh_from_db()
    assert (buyer.first_name, buyer.last_name, buyer.email) == ("Ada", "Lovelace", "ada@example.com")


def test_put_without_the_email_is_400(buyer):
    response = client_for(buyer).put("/api/v1/users/profile", {"first_name": "Ada"}, format="json")
    assert response.status_code == 400
    assert "email" in _error(response)["fields"]


def test_the_email_cannot_be_changed_to_someone_elses(buyer, other_buyer):
    response = client_for(buyer).patch("/api/v1/users/profile", {"email": other_buyer.email.upper()},
                                       format="json")
    assert response.status_code == 400
    assert "email" in _error(response)["fields"]
    buyer.refresh_from_db()
    assert buyer.email != other_buyer.email


def test_keeping_ones_own_email_is_fine(buyer):
    response = client_for(buyer).patch("/api/v1/users/profile", {"email": buyer.email}, format="json")
    assert response.status_code == 200


def test_admins_list_users_page_by_page(admin_user, buyer, other_buyer, artist):
    response = client_for(admin_user).get("/api/v1/users/viewUsers", {"page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4 and len(body["results"]) == 2 and body["next"]
    everyone = client_for(admin_user).get("/api/v1/users/viewUsers").json()["results"]
    assert {user["username"] for user in everyone} == {"admin", buyer.username, other_buyer.username,
                                                       artist.user.username}
    assert [user["is_artist"] for user in everyone if user["id"] == artist.user_id] == [True]
    assert "password" not in response.content.decode()


def test_the_user_list_is_for_admins_only(api_client, buyer, artist):
    assert api_client.get("/api/v1/users/viewUsers").status_code == 401
    assert client_for(buyer).get("/api/v1/users/viewUsers").status_code == 403
    forbidden = client_for(artist.user).get("/api/v1/users/viewUsers")
    assert forbidden.status_code == 403
    assert _error(forbidden)["code"] == "permission_denied"


def test_a_page_past_the_end_is_404(admin_user):
    response = client_for(admin_user).get("/api/v1/users/viewUsers", {"page": 99})
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_the_user_list_runs_the_same_queries_for_any_page_size(admin_user, django_assert_max_num_queries):
    for n in range(30):
        make_buyer(f"many{n}")
    client = client_for(admin_user)
    with django_assert_max_num_queries(4):
        assert len(client.get("/api/v1/users/viewUsers", {"page_size": 100}).json()["results"]) == 31
    with django_assert_max_num_queries(4):
        client.get("/api/v1/users/viewUsers", {"page_size": 1})
