"""Orders endpoints: place from the cart (idempotent), a buyer's own orders, an artist's view."""
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from storefront.order.services import order_mark_paid
from tests.factories.api import client_for
from tests.factories.catalogue import make_artwork, make_buyer
from tests.factories.orders import address_data, make_order, make_user_address

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db

ORDERS = "/api/v1/orders/"


def _add(client, user, artwork):
    response = client.post(f"/api/v1/cart/{user.pk}/add", {"product_id": artwork.pk}, format="json")
    assert response.status_code == 201, response.content


@pytest.fixture
def shopper(buyer, artwork):
    """The buyer's token client, with the artwork in the cart."""
    client = client_for(buyer)
    _add(client, buyer, artwork)
    return client


def test_an_empty_body_places_the_cart_for_collection_when_there_is_no_address(shopper, buyer, artwork):
    response = shopper.post(ORDERS, {}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    order = Order.objects.get(user=buyer)
    assert body["number"] == order.number and body["status"] == "Pending payment"
    assert body["shipping_code"] == "collect" and body["shipping_address"] is None
    assert (body["subtotal"], body["shipping_charge"], body["total"], body["currency"]) == (
        "120.00", "0.00", "120.00", "USD")
    assert [(line["product_id"], line["quantity"], line["line_total"]) for line in body["lines"]] == [
        (artwork.pk, 1, "120.00")]
    assert body["payments"] == [] and body["hold_expires_at"]
    assert shopper.get(f"/api/v1/cart/{buyer.pk}").json()["lines"] == []


def test_without_an_address_in_the_body_the_default_address_is_used(shopper, buyer):
    make_user_address(buyer)
    body = shopper.post(ORDERS, {}, format="json").json()
    assert body["shipping_code"] == "standard" and body["shipping_address"]["line4"] == "Bergen"
    assert body["total"] == "135.00"


def test_an_address_and_method_in_the_body_are_used(shopper):
    response = shopper.post(ORDERS, {"shipping_address": address_data(line4="Oslo"), "shipping_method": "standard"},
                            format="json")
    assert response.status_code == 201
    assert response.json()["shipping_address"]["line4"] == "Oslo"
    assert response.json()["shipping_address"]["country"] == "NO"


def test_an_incomplete_address_is_400_with_its_field_messages(shopper):
    response = shopper.post(ORDERS, {"shipping_address": address_data(line1=""), "shipping_method": "standard"},
                            format="json")
    assert response.status_code == 400
    assert "line1" in response.json()["error"]["fields"]["shipping_address"]
    assert not Order.objects.exists()


def test_standard_delivery_without_any_address_is_400(shopper):
    response = shopper.post(ORDERS, {"shipping_method": "standard"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]


@pytest.mark.parametrize("body", [{"shipping_method": "teleport"}, {"shipping_address": "Main street"}, [1]])
def test_a_bad_order_body_is_400(shopper, body):
    response = shopper.post(ORDERS, body, format="json")
    assert response.status_code == 400
    assert not Order.objects.exists()


def test_an_empty_cart_is_409(buyer):
    response = client_for(buyer).post(ORDERS, {}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "empty_cart"


def test_an_artwork_sold_meanwhile_is_409_and_nothing_is_ordered(shopper, buyer, other_buyer, artwork):
    make_order(other_buyer, artwork)
    response = shopper.post(ORDERS, {}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "sold_out"
    assert not Order.objects.filter(user=buyer).exists()


def test_placing_needs_credentials(api_client):
    assert api_client.post(ORDERS, {}, format="json").status_code == 401


def test_the_same_idempotency_key_returns_the_first_answer_and_creates_nothing(shopper, buyer, artwork):
    first = shopper.post(ORDERS, {}, format="json", HTTP_IDEMPOTENCY_KEY="order-7f3a")
    again = shopper.post(ORDERS, {}, format="json", HTTP_IDEMPOTENCY_KEY="order-7f3a")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and not first.has_header("Idempotent-Replayed")
    assert Order.objects.filter(user=buyer).count() == 1
    assert StockRecord.objects.get(product=artwork).num_allocated == 1


def test_a_repeat_after_the_answer_expired_still_creates_no_second_order(shopper, buyer):
    from datetime import timedelta

    from django.utils import timezone

    from artiqo.core.models import IdempotencyRecord

    first = shopper.post(ORDERS, {}, format="json", HTTP_IDEMPOTENCY_KEY="old-key").json()
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    again = shopper.post(ORDERS, {}, format="json", HTTP_IDEMPOTENCY_KEY="old-key")
    assert again.status_code == 201 and not again.has_header("Idempotent-Replayed")
    assert again.json()["number"] == first["number"]
    assert Order.objects.filter(user=buyer).count() == 1
    assert IdempotencyRecord.objects.count() == 1


def test_the_same_key_with_another_body_is_422(shopper, buyer):
    shopper.post(ORDERS, {}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    response = shopper.post(ORDERS, {"shipping_method": "collect"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert Order.objects.filter(user=buyer).count() == 1


def test_a_refused_attempt_leaves_the_key_free_for_a_retry(buyer, artwork):
    client = client_for(buyer)
    assert client.post(ORDERS, {}, format="json", HTTP_IDEMPOTENCY_KEY="retry-me").status_code == 409
    _add(client, buyer, artwork)
    assert client.post(ORDERS, {}, format="json", HTTP_IDEMPOTENCY_KEY="retry-me").status_code == 201


def test_keys_belong_to_their_user(shopper, buyer, other_buyer, artist):
    mine = shopper.post(ORDERS, {}, format="json", HTTP_IDEMPOTENCY_KEY="shared-key").json()
    other = client_for(other_buyer)
    _add(other, other_buyer, make_artwork(artist, title="Another"))
    theirs = other.post(ORDERS, {}, format="json", HTTP_IDEMPOTENCY_KEY="shared-key")
    assert theirs.status_code == 201 and theirs.json()["number"] != mine["number"]


@pytest.mark.parametrize("key", ["", "x" * 101, "naïve-ключ", "has space"])
def test_a_malformed_idempotency_key_is_400(shopper, key):
    response = shopper.post(ORDERS, {}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    assert not Order.objects.exists()


def test_a_buyer_lists_only_their_own_orders(buyer, other_buyer, artist):
    mine = make_order(buyer, make_artwork(artist))
    make_order(other_buyer, make_artwork(artist))
    response = client_for(buyer).get(ORDERS)
    assert response.status_code == 200
    assert [row["number"] for row in response.json()["results"]] == [mine.number]


def test_a_buyer_reads_their_order_and_nobody_elses(buyer, other_buyer, artist):
    mine = make_order(buyer, make_artwork(artist))
    theirs = make_order(other_buyer, make_artwork(artist))
    client = client_for(buyer)
    assert client.get(f"/api/v1/orders/{mine.number}").json()["number"] == mine.number
    response = client.get(f"/api/v1/orders/{theirs.number}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert theirs.number not in response.content.decode().replace(f"order {theirs.number}", "")


def test_a_walk_over_order_numbers_finds_only_ones_own(buyer, other_buyer, artist):
    mine = {make_order(buyer, make_artwork(artist)).number}
    for _ in range(3):
        make_order(other_buyer, make_artwork(artist))
    numbers = [int(number) for number in Order.objects.values_list("number", flat=True)]
    client = client_for(buyer)
    for number in range(min(numbers) - 3, max(numbers) + 4):
        response = client.get(f"/api/v1/orders/{number}")
        assert response.status_code == (200 if str(number) in mine else 404)


def test_orders_need_credentials(api_client, buyer, artist):
    order = make_order(buyer, make_artwork(artist))
    assert api_client.get(ORDERS).status_code == 401
    assert api_client.get(f"/api/v1/orders/{order.number}").status_code == 401


def test_the_order_list_runs_the_same_queries_whatever_the_page_size(buyer, artist, django_assert_max_num_queries):
    for _ in range(6):
        make_order(buyer, make_artwork(artist), make_artwork(artist))
    client = client_for(buyer)
    with django_assert_max_num_queries(5) as big:
        assert len(client.get(ORDERS, {"page_size": 100}).json()["results"]) == 6
    with django_assert_max_num_queries(5) as small:
        client.get(ORDERS, {"page_size": 1})
    assert len(big.captured_queries) == len(small.captured_queries)


@pytest.fixture
def shared_order(buyer, artist, other_artist):
    """A paid order with one work of `artist` and one of `other_artist`."""
    buyer.first_name, buyer.last_name = "Ada", "Byron"
    buyer.save()
    order = make_order(buyer, make_artwork(artist, title="Mine", price=Decimal("200.00")),
                       make_artwork(other_artist, title="Theirs"))
    order_mark_paid(order=order)
    return order


def test_an_artist_sees_orders_of_their_art_with_only_their_lines(artist, shared_order):
    response = client_for(artist.user).get("/api/v1/order/orderartview/")
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["number"] == shared_order.number and row["status"] == "Paid"
    assert [line["title"] for line in row["lines"]] == ["Mine"]
    assert row["artist_total"] == "200.00"
    assert row["buyer_name"] == "Ada Byron"
    assert row["shipping_address"]["line4"] == "Bergen" and row["date_placed"]
    assert "Theirs" not in response.content.decode()


def test_an_artist_without_sales_sees_an_empty_list(site_tree):
    from tests.factories.catalogue import make_artist

    response = client_for(make_artist().user).get("/api/v1/order/orderartview/")
    assert response.status_code == 200 and response.json()["results"] == []


def test_the_artist_view_is_403_for_buyers_and_401_for_anonymous(api_client, buyer, shared_order):
    forbidden = client_for(buyer).get("/api/v1/order/orderartview/")
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "permission_denied"
    assert api_client.get("/api/v1/order/orderartview/").status_code == 401


def test_the_artist_view_runs_the_same_queries_whatever_the_page_size(artist, other_artist,
                                                                       django_assert_max_num_queries):
    for _ in range(5):
        order = make_order(make_buyer(), make_artwork(artist), make_artwork(other_artist))
        order_mark_paid(order=order)
    client = client_for(artist.user)
    with django_assert_max_num_queries(6) as big:
        assert len(client.get("/api/v1/order/orderartview/", {"page_size": 100}).json()["results"]) == 5
    with django_assert_max_num_queries(6) as small:
        client.get("/api/v1/order/orderartview/", {"page_size": 1})
    assert len(big.captured_queries) == len(small.captured_queries)
