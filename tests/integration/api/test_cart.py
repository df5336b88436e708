"""Cart endpoints: the browser's Oscar basket, by user id, with stock rules and ownership."""
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from storefront.catalogue.models import ArtworkKind
from tests.factories.api import client_for
from tests.factories.catalogue import make_artwork

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def cart_url(user, suffix: str = "") -> str:
    return f"/api/v1/cart/{user.pk}{suffix}"


def _lines(user) -> list[tuple[int, int]]:
    basket = Basket.open.filter(owner=user).first()
    return [] if basket is None else list(basket.lines.values_list("product_id", "quantity"))


def _every_cart_call(client, *, owner, product, added=None) -> list:
    """Read, add to, update and remove from `owner`'s cart: one response per cart path."""
    return [
        client.get(cart_url(owner)),
        client.post(cart_url(owner, "/add"), {"product_id": (added or product).pk}, format="json"),
        client.put(cart_url(owner, "/update"), {"product_id": product.pk, "quantity": 0}, format="json"),
        client.delete(cart_url(owner, f"/remove/{product.pk}")),
    ]


@pytest.fixture
def edition(artist, vibe):
    return make_artwork(artist, title="Tide prints", price=Decimal("35.00"), kind=ArtworkKind.EDITION,
                        edition_size=3, vibe=vibe)


def test_an_empty_cart_reads_as_empty_without_creating_a_basket(buyer):
    response = client_for(buyer).get(cart_url(buyer))
    assert response.status_code == 200
    assert response.json() == {"user_id": buyer.pk, "lines": [], "num_items": 0, "total": "0.00",
                               "currency": "USD"}
    assert not Basket.objects.filter(owner=buyer).exists()


def test_adding_an_artwork_answers_201_with_the_priced_cart(buyer, artwork):
    response = client_for(buyer).post(cart_url(buyer, "/add"), {"product_id": artwork.pk, "quantity": 1},
                                      format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["total"] == "120.00" and body["currency"] == "USD" and body["num_items"] == 1
    line = body["lines"][0]
    assert line["product_id"] == artwork.pk and line["title"] == "Harbour at Dusk"
    assert (line["quantity"], line["unit_price"], line["line_total"]) == (1, "120.00", "120.00")
    assert line["is_available"] is True and line["thumbnail"].startswith("http://testserver/media/")
    assert _lines(buyer) == [(artwork.pk, 1)]


def test_the_api_cart_is_the_basket_the_browser_shows(client, buyer, password, artwork):
    client_for(buyer).post(cart_url(buyer, "/add"), {"product_id": artwork.pk}, format="json")
    client.login(username=buyer.username, password=password)
    page = client.get("/shop/basket/")
    assert page.status_code == 200
    assert "Harbour at Dusk" in page.content.decode()


def test_the_browser_session_works_for_the_api_too(client, buyer, password, artwork):
    client.login(username=buyer.username, password=password)
    response = client.get(cart_url(buyer))
    assert response.status_code == 200


def test_a_second_copy_of_an_original_is_409_and_the_cart_keeps_one(buyer, artwork):
    client = client_for(buyer)
    client.post(cart_url(buyer, "/add"), {"product_id": artwork.pk}, format="json")
    response = client.post(cart_url(buyer, "/add"), {"product_id": artwork.pk}, format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "insufficient_stock" and error["fields"] == {"num_available": 1}
    assert _lines(buyer) == [(artwork.pk, 1)]


def test_a_sold_original_cannot_be_added(buyer, artwork):
    StockRecord.objects.filter(product=artwork).update(num_allocated=1)
    response = client_for(buyer).post(cart_url(buyer, "/add"), {"product_id": artwork.pk}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "sold_out"
    assert "sold" in response.json()["error"]["message"]
    assert _lines(buyer) == []


def test_more_prints_than_the_stock_is_409(buyer, edition):
    response = client_for(buyer).post(cart_url(buyer, "/add"), {"product_id": edition.pk, "quantity": 4},
                                      format="json")
    assert response.status_code == 409
    assert response.json()["error"]["fields"]["num_available"] == 3


def test_an_unknown_or_hidden_artwork_is_404(buyer, artist):
    hidden = make_artwork(artist, is_public=False)
    for product_id in (987654, hidden.pk):
        response = client_for(buyer).post(cart_url(buyer, "/add"), {"product_id": product_id}, format="json")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "product_not_found"


@pytest.mark.parametrize(
    "body",
    [{}, {"product_id": "abc"}, {"product_id": 1, "quantity": 0}, {"product_id": 1, "quantity": -2},
     {"product_id": 2**70}, {"product_id": 1, "quantity": 10**6}, [1, 2]],
)
def test_a_bad_add_body_is_400(buyer, body):
    response = client_for(buyer).post(cart_url(buyer, "/add"), body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]


def test_update_sets_the_quantity(buyer, edition):
    client = client_for(buyer)
    client.post(cart_url(buyer, "/add"), {"product_id": edition.pk}, format="json")
    response = client.put(cart_url(buyer, "/update"), {"product_id": edition.pk, "quantity": 3}, format="json")
    assert response.status_code == 200
    assert response.json()["total"] == "105.00" and response.json()["num_items"] == 3
    assert _lines(buyer) == [(edition.pk, 3)]


def test_update_beyond_the_stock_is_409_and_changes_nothing(buyer, edition):
    client = client_for(buyer)
    client.post(cart_url(buyer, "/add"), {"product_id": edition.pk, "quantity": 2}, format="json")
    response = client.put(cart_url(buyer, "/update"), {"product_id": edition.pk, "quantity": 4}, format="json")
    assert response.status_code == 409
    assert _lines(buyer) == [(edition.pk, 2)]


def test_update_to_zero_removes_the_line(buyer, artwork):
    client = client_for(buyer)
    client.post(cart_url(buyer, "/add"), {"product_id": artwork.pk}, format="json")
    response = client.put(cart_url(buyer, "/update"), {"product_id": artwork.pk, "quantity": 0}, format="json")
    assert response.status_code == 200 and response.json()["lines"] == []
    assert _lines(buyer) == []


def test_update_of_an_artwork_not_in_the_cart_is_404(buyer, artwork):
    response = client_for(buyer).put(cart_url(buyer, "/update"), {"product_id": artwork.pk, "quantity": 1},
                                     format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_in_cart"


def test_update_needs_a_quantity(buyer, artwork):
    response = client_for(buyer).put(cart_url(buyer, "/update"), {"product_id": artwork.pk}, format="json")
    assert response.status_code == 400
    assert "quantity" in response.json()["error"]["fields"]


def test_remove_takes_the_artwork_out(buyer, artwork, edition):
    client = client_for(buyer)
    client.post(cart_url(buyer, "/add"), {"product_id": artwork.pk}, format="json")
    client.post(cart_url(buyer, "/add"), {"product_id": edition.pk}, format="json")
    response = client.delete(cart_url(buyer, f"/remove/{artwork.pk}"))
    assert response.status_code == 200
    assert [line["product_id"] for line in response.json()["lines"]] == [edition.pk]


def test_removing_what_is_not_in_the_cart_is_404(buyer, artwork):
    response = client_for(buyer).delete(cart_url(buyer, f"/remove/{artwork.pk}"))
    assert response.status_code == 404
    assert client_for(buyer).delete(cart_url(buyer, "/remove/987654")).status_code == 404


def test_a_line_whose_artwork_sold_meanwhile_shows_as_unavailable(buyer, artwork):
    client = client_for(buyer)
    client.post(cart_url(buyer, "/add"), {"product_id": artwork.pk}, format="json")
    StockRecord.objects.filter(product=artwork).update(num_allocated=1)
    line = client.get(cart_url(buyer)).json()["lines"][0]
    assert line["is_available"] is False


def test_anonymous_callers_get_401_on_every_cart_path(api_client, buyer, artwork):
    calls = _every_cart_call(api_client, owner=buyer, product=artwork)
    assert [response.status_code for response in calls] == [401] * 4
    assert _lines(buyer) == []


def test_another_buyers_cart_is_403_and_stays_untouched(buyer, other_buyer, artwork, edition):
    client_for(other_buyer).post(cart_url(other_buyer, "/add"), {"product_id": artwork.pk}, format="json")
    intruder = client_for(buyer)
    calls = _every_cart_call(intruder, owner=other_buyer, product=artwork, added=edition)
    assert [response.status_code for response in calls] == [403] * 4
    assert all(response.json()["error"]["code"] == "permission_denied" for response in calls)
    assert _lines(other_buyer) == [(artwork.pk, 1)]
    assert _lines(buyer) == []


def test_a_walk_over_user_ids_reads_no_other_cart(buyer, other_buyer, admin_user, artwork):
    client_for(other_buyer).post(cart_url(other_buyer, "/add"), {"product_id": artwork.pk}, format="json")
    intruder = client_for(buyer)
    for user_id in range(1, max(buyer.pk, other_buyer.pk, admin_user.pk) + 5):
        response = intruder.get(f"/api/v1/cart/{user_id}")
        assert response.status_code == (200 if user_id == buyer.pk else 403)
        assert "Harbour" not in response.content.decode()


def test_an_admin_reads_any_cart_but_cannot_change_it(admin_user, buyer, artwork):
    client_for(buyer).post(cart_url(buyer, "/add"), {"product_id": artwork.pk}, format="json")
    admin = client_for(admin_user)
    read = admin.get(cart_url(buyer))
    assert read.status_code == 200 and read.json()["user_id"] == buyer.pk and read.json()["num_items"] == 1
    assert admin.delete(cart_url(buyer, f"/remove/{artwork.pk}")).status_code == 403
    assert admin.put(cart_url(buyer, "/update"), {"product_id": artwork.pk, "quantity": 0},
                     format="json").status_code == 403
    assert _lines(buyer) == [(artwork.pk, 1)]
    assert admin.get("/api/v1/cart/987654").status_code == 404


def test_reading_a_cart_runs_the_same_queries_whatever_its_size(buyer, artist, django_assert_max_num_queries):
    client = client_for(buyer)
    works = [make_artwork(artist, title=f"Work {n}") for n in range(12)]
    client.post(cart_url(buyer, "/add"), {"product_id": works[0].pk}, format="json")
    # 9: one of them asks for the buyer's own prices (accepted offers), once per cart.
    with django_assert_max_num_queries(9) as one_line:
        client.get(cart_url(buyer))
    for work in works[1:]:
        client.post(cart_url(buyer, "/add"), {"product_id": work.pk}, format="json")
    with django_assert_max_num_queries(9) as many_lines:
        assert len(client.get(cart_url(buyer)).json()["lines"]) == 12
    assert len(one_line.captured_queries) == len(many_lines.captured_queries)
