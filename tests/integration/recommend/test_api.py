"""GET /api/v1/recommendations/ and GET /api/v1/products/{id}/similar: auth, errors, constant queries."""
import pytest

from tests.factories.catalogue import make_artist, make_buyer, make_vibe, png_bytes
from tests.factories.recommend import make_dated_order, make_edition, make_view, withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(site_tree, train):
    """Six artists with two works each, bought in pairs; then trained."""
    artists, calm = [make_artist() for _ in range(6)], make_vibe("calm")
    works = [make_edition(artists[n % 6], title=f"Work {n}", description=f"subject{n % 4} scene", vibe=calm,
                          images=[png_bytes()]) for n in range(12)]
    for n in range(0, 12, 2):
        make_dated_order(make_buyer(), works[n], works[n + 1], days_ago=n)
        make_dated_order(make_buyer(), works[n], works[n + 1], days_ago=n + 1)
    train()
    return works


def test_visitors_get_popular_works_without_signing_in(api_client, shop):
    response = api_client.get("/api/v1/recommendations/")

    assert response.status_code == 200
    body = response.json()
    assert body["personalised"] is False
    assert len(body["results"]) == 10
    first = body["results"][0]
    assert first["reason"] == {"kind": "popular", "text": "popular right now", "artwork_id": None}
    assert first["artwork"]["availability"]["is_available"] is True
    assert first["artwork"]["images"][0]["thumbnail"].startswith("http://testserver/")


def test_a_signed_in_buyer_gets_their_own_picks_with_reasons(api_client, shop):
    buyer = make_buyer()
    make_dated_order(buyer, shop[4], days_ago=1)
    api_client.force_authenticate(buyer)

    body = api_client.get("/api/v1/recommendations", {"limit": 3}).json()

    assert body["personalised"] is True
    assert len(body["results"]) == 3
    assert body["results"][0]["artwork"]["id"] == shop[5].id
    assert body["results"][0]["reason"] == {
        "kind": "bought_with", "text": "because you bought Work 4", "artwork_id": shop[4].id,
    }
    assert shop[4].id not in [r["artwork"]["id"] for r in body["results"]]


def test_a_token_authenticates_too(api_client, shop):
    from rest_framework.authtoken.models import Token

    buyer = make_buyer()
    make_view(buyer, shop[6])
    token = Token.objects.create(user=buyer)

    body = api_client.get("/api/v1/recommendations/", HTTP_AUTHORIZATION=f"Token {token.key}").json()

    assert body["personalised"] is True
    assert body["results"][0]["reason"]["text"] == "because you viewed Work 6"


@pytest.mark.parametrize("limit", ["0", "51", "ten", "-1"])
def test_a_bad_limit_is_a_400_naming_the_field(api_client, shop, limit):
    response = api_client.get("/api/v1/recommendations/", {"limit": limit})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert "limit" in response.json()["error"]["fields"]


def test_writing_to_recommendations_is_not_allowed(api_client, shop):
    assert api_client.post("/api/v1/recommendations/").status_code == 405
    assert api_client.delete(f"/api/v1/products/{shop[0].id}/similar").status_code == 405


def test_similar_lists_what_buyers_also_liked_and_more_with_the_vibe(api_client, shop):
    response = api_client.get(f"/api/v1/products/{shop[0].id}/similar")

    assert response.status_code == 200
    body = response.json()
    assert body["product_id"] == shop[0].id
    assert [r["artwork"]["id"] for r in body["buyers_also_liked"]] == [shop[1].id]
    assert body["buyers_also_liked"][0]["reason"]["text"] == "buyers of Work 0 also liked this"
    assert body["more_with_this_vibe"]
    assert shop[0].id not in [r["artwork"]["id"] for r in body["more_with_this_vibe"]]


@pytest.mark.parametrize("path", ["/api/v1/products/999999/similar", "/api/v1/products/999999999999999999/similar/"])
def test_similar_for_an_unknown_product_is_a_404(api_client, shop, path):
    response = api_client.get(path)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_similar_for_a_withdrawn_product_is_a_404(api_client, shop):
    withdraw(shop[0])

    assert api_client.get(f"/api/v1/products/{shop[0].id}/similar/").status_code == 404


@pytest.mark.parametrize("limit", [1, 50])
def test_recommendation_endpoints_run_a_constant_number_of_queries(
    api_client, shop, limit, django_assert_max_num_queries
):
    buyer = make_buyer()
    for work in shop[:8]:
        make_view(buyer, work)
    make_dated_order(buyer, shop[10], days_ago=2)
    api_client.force_authenticate(buyer)

    # Signed in: the history union, the cards, their images (+ the newest works when the
    # model has fewer works than asked). Similar: the artwork, the cards, their images (+ the
    # newest works of the vibe and their images when the model has fewer of that vibe than
    # asked). Visitor: the featured works (cached for a minute), the cards, their images (+ newest).
    with django_assert_max_num_queries(4):
        assert api_client.get("/api/v1/recommendations/", {"limit": limit}).status_code == 200
    with django_assert_max_num_queries(5):
        assert api_client.get(f"/api/v1/products/{shop[0].id}/similar", {"limit": limit}).status_code == 200
    api_client.force_authenticate(None)
    with django_assert_max_num_queries(4):
        assert api_client.get("/api/v1/recommendations/", {"limit": limit}).status_code == 200
