"""/api/v1/special-orders: create, list and detail for each side only, one endpoint per step."""
import datetime

import pytest
from django.utils import timezone

from artiqo.outbox.models import OutboxMessage
from commissions.models import SpecialOrder
from tests.factories.api import client_for
from tests.factories.catalogue import make_buyer
from tests.factories.studio import SVG_PAYLOAD, image_upload, make_special_order, upload

pytestmark = pytest.mark.django_db
URL = "/api/v1/special-orders"
IN_A_MONTH = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


def _body(artist, **extra):
    return {"artist_id": artist.pk, "title": "A cat on a windowsill", "description": "Ginger cat, morning sun.",
            "budget": "250.00", "vibe": "calm", "medium": "gouache", "width_cm": "30", "height_cm": "40",
            "wished_date": IN_A_MONTH, **extra}


def test_a_buyer_sends_a_special_order_with_reference_images(buyer, artist):
    response = client_for(buyer).post(URL, _body(artist, references=[image_upload("cat.png"), image_upload()]),
                                      format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["role"], body["actions"]) == ("requested", "buyer", ["cancel"])
    assert (body["budget"], body["currency"], body["vibe"], body["medium"]) == ("250.00", "USD", "calm", "gouache")
    assert len(body["references"]) == 2 and body["references"][0]["image"].startswith("http://testserver/media/")
    assert [step["action"] for step in body["history"]] == ["request"]
    assert OutboxMessage.objects.get().to == [artist.user.email]


def test_json_without_images_works_too(buyer, artist):
    response = client_for(buyer).post(f"{URL}/", _body(artist), format="json")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("references,message", [
    ([image_upload(), image_upload(), image_upload(), image_upload()], "no more than 3"),
    ([upload(SVG_PAYLOAD, "ref.svg", "image/svg+xml")], "not a JPEG, PNG or WebP"),
])
def test_bad_reference_images_are_refused_and_nothing_is_saved(buyer, artist, references, message):
    response = client_for(buyer).post(URL, _body(artist, references=references), format="multipart")
    assert response.status_code == 400
    assert message in str(response.json()["error"]["fields"]["references"])
    assert not SpecialOrder.objects.exists() and not OutboxMessage.objects.exists()


def test_bad_input_gets_field_messages(buyer, artist):
    response = client_for(buyer).post(URL, {"artist_id": artist.pk, "budget": "-3", "wished_date": "2001-01-01"},
                                      format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"title", "description", "budget", "wished_date"} <= set(fields)


def test_an_unknown_artist_or_one_without_commissions_is_404(buyer, artist):
    assert client_for(buyer).post(URL, _body(artist, artist_id=999999), format="json").status_code == 404
    artist.accepts_commissions = False
    artist.save()
    response = client_for(buyer).post(URL, _body(artist), format="json")
    assert response.status_code == 404 and "does not take special orders" in response.json()["error"]["message"]


def test_anonymous_callers_get_401(artist, special_order):
    from rest_framework.test import APIClient

    client = APIClient()
    assert client.get(URL).status_code == 401
    assert client.post(URL, _body(artist), format="json").status_code == 401
    assert client.post(f"{URL}/{special_order.pk}/accept").status_code == 401


def test_each_side_lists_and_reads_only_their_own(special_order, buyer, artist, other_artist,
                                                  django_assert_max_num_queries):
    other_buyer = make_buyer()
    others = make_special_order(other_buyer, other_artist)
    for _ in range(4):
        make_special_order(buyer, artist)
    with django_assert_max_num_queries(8):
        listed = client_for(buyer).get(URL).json()
    assert listed["count"] == 5 and others.pk not in [item["id"] for item in listed["results"]]
    as_artist = client_for(artist.user).get(URL, {"role": "artist"}).json()
    assert as_artist["count"] == 5 and {item["role"] for item in as_artist["results"]} == {"artist"}
    assert client_for(artist.user).get(URL, {"role": "buyer"}).json()["count"] == 0
    inbox = client_for(artist.user).get("/api/v1/studio/special-orders").json()
    assert inbox["count"] == 5
    assert client_for(buyer).get("/api/v1/studio/special-orders").status_code == 403

    assert client_for(buyer).get(f"{URL}/{special_order.pk}").status_code == 200
    assert client_for(artist.user).get(f"{URL}/{special_order.pk}/").json()["actions"] == ["quote", "decline",
                                                                                          "cancel"]
    for stranger in (other_buyer, other_artist.user):
        response = client_for(stranger).get(f"{URL}/{special_order.pk}")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
        assert client_for(stranger).post(f"{URL}/{special_order.pk}/cancel", {}, format="json").status_code == 404


def test_the_list_query_count_does_not_grow_with_the_page(buyer, artist, django_assert_max_num_queries):
    for _ in range(3):
        make_special_order(buyer, artist)
    client = client_for(buyer)
    with django_assert_max_num_queries(8) as few:
        client.get(URL)
    for _ in range(12):
        make_special_order(buyer, artist)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(URL).json()["results"]) == 15


def test_the_whole_lifecycle_through_the_api(special_order, buyer, artist):
    from tests.factories.studio import make_paid_order

    as_artist, as_buyer = client_for(artist.user), client_for(buyer)
    base = f"{URL}/{special_order.pk}"
    response = as_artist.post(f"{base}/quote", {"price": "320.00", "ready_by": IN_A_MONTH, "note": "Framed"},
                              format="json")
    assert response.status_code == 200, response.content
    assert response.json()["quote"] == {"price": "320.00", "ready_by": IN_A_MONTH, "note": "Framed"}
    response = as_buyer.post(f"{base}/accept")
    assert response.status_code == 200 and response.json()["artwork_id"]
    cart = as_buyer.get(f"/api/v1/cart/{buyer.pk}").json()
    assert [line["product_id"] for line in cart["lines"]] == [response.json()["artwork_id"]]
    make_paid_order(buyer)
    assert as_artist.get(base).json()["status"] == "paid"
    assert as_artist.post(f"{base}/start", {"note": "Begun"}, format="json").json()["status"] == "in_progress"
    assert as_artist.post(f"{base}/deliver", {"note": "Tracking 123"}, format="json").json()["status"] == "delivered"
    body = as_buyer.post(f"{base}/complete/", {}, format="json").json()
    assert body["status"] == "completed" and body["actions"] == []
    assert [(step["action"], step["note"]) for step in body["history"]][-3:] == [
        ("start", "Begun"), ("deliver", "Tracking 123"), ("complete", "")]


def test_an_illegal_step_is_409_with_a_clear_message(special_order, buyer, artist):
    response = client_for(buyer).post(f"{URL}/{special_order.pk}/accept")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "illegal_transition"
    assert error["message"] == "This special order is requested; it cannot be accepted now."
    response = client_for(artist.user).post(f"{URL}/{special_order.pk}/complete")
    assert response.status_code == 403 and "Only the buyer" in response.json()["error"]["message"]


def test_step_input_is_checked(special_order, artist):
    client = client_for(artist.user)
    response = client.post(f"{URL}/{special_order.pk}/quote", {"price": "abc", "ready_by": "2000-01-01"},
                           format="json")
    assert response.status_code == 400 and {"price", "ready_by"} <= set(response.json()["error"]["fields"])
    response = client.post(f"{URL}/{special_order.pk}/decline", {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["error"]["fields"]
    assert client.get(f"{URL}/{special_order.pk}/quote").status_code == 405
    assert client.post(f"{URL}/{special_order.pk}/pay").status_code == 404


# Every studio and special-order path with the methods it supports.
PATHS = {
    "/api/v1/special-orders": {"get", "post"},
    "/api/v1/special-orders/{so}": {"get"},
    **{f"/api/v1/special-orders/{{so}}/{step}": {"post"}
       for step in ("quote", "decline", "accept", "start", "deliver", "complete", "cancel")},
    "/api/v1/studio/artworks": {"get", "post"},
    "/api/v1/studio/artworks/{artwork}": {"get", "patch", "delete"},
    "/api/v1/studio/artworks/{artwork}/restore": {"post"},
    "/api/v1/studio/artworks/{artwork}/images": {"post"},
    "/api/v1/studio/artworks/{artwork}/images/{image}": {"delete"},
    "/api/v1/studio/orders": {"get"},
    "/api/v1/studio/orders/{order}/ship": {"post"},
    "/api/v1/studio/showcase": {"get", "patch"},
    "/api/v1/studio/special-orders": {"get"},
}


@pytest.mark.parametrize("template", sorted(PATHS))
def test_every_unsupported_method_is_a_json_405_for_anyone_with_or_without_a_slash(api_client, special_order,
                                                                                     artwork, template):
    ids = {"so": special_order.pk, "artwork": artwork.pk, "image": artwork.images.get().pk, "order": "100001"}
    for client in (api_client, client_for(artwork.artist.user)):
        for path in (template.format(**ids), template.format(**ids) + "/"):
            for method in sorted({"get", "post", "put", "patch", "delete"} - PATHS[template]):
                response = getattr(client, method)(path, {}, format="json")
                assert response.status_code == 405, (method, path, response.content)
                assert response.json()["error"]["code"] == "method_not_allowed"


def test_the_commissioned_work_is_for_sale_in_the_buyers_api_cart_and_to_no_one_else(special_order_in, buyer,
                                                                                  other_buyer):
    special_order = special_order_in("accepted")
    work_id = special_order.artwork_id
    as_buyer = client_for(buyer)
    cart = as_buyer.get(f"/api/v1/cart/{buyer.pk}").json()
    assert [(line["product_id"], line["is_available"]) for line in cart["lines"]] == [(work_id, True)]
    assert cart["total"] == "350.00"
    response = as_buyer.put(f"/api/v1/cart/{buyer.pk}/update", {"product_id": work_id, "quantity": 1}, format="json")
    assert response.status_code == 200, response.content
    assert as_buyer.delete(f"/api/v1/cart/{buyer.pk}/remove/{work_id}").status_code == 200
    response = as_buyer.post(f"/api/v1/cart/{buyer.pk}/add", {"product_id": work_id}, format="json")
    assert response.status_code == 201, response.content
    assert [line["is_available"] for line in response.json()["lines"]] == [True]

    response = client_for(other_buyer).post(f"/api/v1/cart/{other_buyer.pk}/add", {"product_id": work_id},
                                            format="json")
    assert response.status_code == 404 and response.json()["error"]["code"] == "product_not_found"
