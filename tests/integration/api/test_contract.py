"""The contract around every path: slashes, 405s, JSON errors, malformed bodies, never HTML."""
import pytest

from tests.factories.api import client_for, token_for
from tests.factories.catalogue import PASSWORD
from tests.factories.orders import make_order

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}

# Path templates and the methods each supports (the product brief's contract).
PATHS = {
    "/api/v1/users/register": {"post"},
    "/api/v1/users/login": {"post"},
    "/api/v1/users/logout": {"post"},
    "/api/v1/users/profile": {"get", "put", "patch"},
    "/api/v1/users/viewUsers": {"get"},
    "/api/v1/products/products": {"get"},
    "/api/v1/products/{product}": {"get"},
    "/api/v1/artists/": {"get"},
    "/api/v1/artists/{artist}": {"get"},
    "/api/v1/cart/{user}": {"get"},
    "/api/v1/cart/{user}/add": {"post"},
    "/api/v1/cart/{user}/update": {"put"},
    "/api/v1/cart/{user}/remove/{product}": {"delete"},
    "/api/v1/orders/": {"get", "post"},
    "/api/v1/orders/{order}": {"get"},
    "/api/v1/order/orderartview/": {"get"},
}


@pytest.fixture
def ids(buyer, artwork, artist, other_buyer):
    order = make_order(other_buyer, artwork)
    return {"product": artwork.pk, "artist": artist.pk, "user": buyer.pk, "order": order.number}


def _both_spellings(path: str) -> tuple[str, str]:
    bare = path.rstrip("/")
    return bare, bare + "/"


def _assert_json_error(response, status_code: int, code: str | None = None):
    assert response.status_code == status_code, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"} and error["message"]
    if code:
        assert error["code"] == code


@pytest.mark.parametrize("template", sorted(PATHS))
def test_every_unsupported_method_is_405_for_anyone(api_client, ids, buyer, template):
    unsupported = sorted(METHODS - PATHS[template])
    for client in (api_client, client_for(buyer)):
        for path in _both_spellings(template.format(**ids)):
            for method in unsupported:
                response = getattr(client, method)(path, {}, format="json")
                _assert_json_error(response, 405, "method_not_allowed")
                assert set(response["Allow"].replace(" ", "").split(",")) >= {m.upper() for m in PATHS[template]}


@pytest.mark.parametrize("template", sorted(PATHS))
def test_every_path_answers_alike_with_and_without_a_trailing_slash(api_client, ids, template):
    method = "get" if "get" in PATHS[template] else sorted(PATHS[template])[0]
    answers = [getattr(api_client, method)(path, {}, format="json") for path in
               _both_spellings(template.format(**ids))]
    assert answers[0].status_code == answers[1].status_code
    assert answers[0].status_code not in (301, 302, 307, 308)
    assert answers[0].json().keys() == answers[1].json().keys()


def test_a_post_is_never_redirected_either_way(api_client):
    for path in _both_spellings("/api/v1/users/register"):
        name = "slash" if path.endswith("/") else "bare"
        response = api_client.post(path, {"username": name, "email": f"{name}@example.com", "password": PASSWORD,
                                          "first_name": name.title()}, format="json")
        assert response.status_code == 201


def test_token_writes_work_with_and_without_a_slash(buyer, ids):
    client = client_for(buyer)
    assert client.post(f"/api/v1/cart/{buyer.pk}/add/", {"product_id": ids["product"]}, format="json").status_code \
        in (201, 409)
    assert client.delete(f"/api/v1/cart/{buyer.pk}/remove/{ids['product']}").status_code in (200, 404)
    assert client.patch("/api/v1/users/profile/", {"first_name": "A"}, format="json").status_code == 200
    assert client.patch("/api/v1/users/profile", {"first_name": "B"}, format="json").status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/v1/users/login", "/api/v1/users/register", "/api/v1/orders/", "/api/v1/cart/{user}/add"]
)
def test_malformed_json_is_400(buyer, ids, path):
    response = client_for(buyer).generic("POST", path.format(**ids), '{"username": "x",',
                                         content_type="application/json")
    _assert_json_error(response, 400, "malformed_request")


def test_a_body_that_is_not_json_or_a_form_is_415(buyer):
    response = client_for(buyer).generic("POST", "/api/v1/users/login", "username=x", content_type="text/plain")
    _assert_json_error(response, 415)


def test_a_form_encoded_login_works_too(api_client, buyer):
    response = api_client.post("/api/v1/users/login", {"username": buyer.username, "password": PASSWORD})
    assert response.status_code == 201


@pytest.mark.parametrize(
    "path", ["/api/v1/", "/api/v1/nothing-here", "/api/v1/products", "/api/v1/cart/abc", "/api/v1/orders/a/b",
             "/api/v1/users/register/extra"],
)
def test_unknown_api_paths_are_json_404_not_the_cms_page(api_client, site_tree, path):
    for method in ("get", "post", "delete"):
        _assert_json_error(getattr(api_client, method)(path), 404, "not_found")


def test_a_token_client_posting_to_an_unknown_path_gets_the_json_404_not_a_csrf_page(buyer):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(buyer)}")
    for method in ("post", "put", "delete"):
        _assert_json_error(getattr(client, method)("/api/v1/orders/1/nothing"), 404, "not_found")
    assert client.post(f"/api/v1/cart/{buyer.pk}/add", {"product_id": 987654}, format="json").status_code == 404


def test_a_bad_token_is_401_with_the_scheme_to_use(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    response = api_client.get("/api/v1/users/profile")
    _assert_json_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Token"


def test_the_catalogue_is_readable_without_credentials(api_client, ids):
    assert api_client.get("/api/v1/products/products").status_code == 200
    assert api_client.get(f"/api/v1/products/{ids['product']}").status_code == 200
    assert api_client.get("/api/v1/artists/").status_code == 200


def test_the_schema_and_the_docs_page_are_served_from_local_assets(api_client):
    schema = api_client.get("/api/v1/schema", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/users/register" in paths and "/api/v1/order/orderartview/" in paths
    assert "/api/v1/cart/{user_id}/remove/{product_id}" in paths
    docs = api_client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html and "cdn" not in html.lower()


def test_an_unexpected_error_still_answers_in_the_api_shape(api_client, monkeypatch, caplog):
    def broken(filters):
        raise RuntimeError("boom")

    monkeypatch.setattr("storefront.catalogue.api.views.artwork_list_filtered", broken)
    response = api_client.get("/api/v1/products/products")
    _assert_json_error(response, 500, "server_error")
    assert "boom" not in response.content.decode()
    assert any("Unhandled error" in record.message for record in caplog.records)
