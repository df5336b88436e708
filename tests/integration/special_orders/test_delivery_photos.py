"""Delivering a special order with photos: the one-off work gets pictures the buyer sees."""
import pytest

from tests.factories.api import client_for
from tests.factories.studio import SVG_PAYLOAD, image_upload, upload

pytestmark = pytest.mark.django_db
API = "/api/v1/special-orders"


def test_the_artist_delivers_with_photos_and_the_buyer_sees_the_finished_work(client, special_order_in, buyer):
    special_order = special_order_in("in_progress")
    client.force_login(special_order.artist.user)
    response = client.post(f"/studio/special-orders/{special_order.pk}/deliver/", {
        "deliver-note": "Sent by courier, tracking 42", "deliver-photos": [image_upload("front.jpg"),
                                                                          image_upload("detail.png")]})
    assert response.status_code == 302
    special_order.refresh_from_db()
    assert special_order.status == "delivered"
    assert [image.display_order for image in special_order.artwork.images.order_by("display_order")] == [0, 1]

    client.force_login(buyer)
    page = client.get(f"/special-orders/{special_order.pk}/").content.decode()
    assert "The finished work" in page
    assert page.count(f"{special_order.title}, photo ") == 2


def test_a_bad_photo_refuses_the_delivery_and_keeps_nothing(client, special_order_in):
    special_order = special_order_in("in_progress")
    client.force_login(special_order.artist.user)
    response = client.post(f"/studio/special-orders/{special_order.pk}/deliver/", {
        "deliver-photos": [image_upload(), upload(SVG_PAYLOAD, "work.svg", "image/svg+xml")]})
    assert response.status_code == 400
    assert "not a JPEG, PNG or WebP" in response.content.decode()
    special_order.refresh_from_db()
    assert special_order.status == "in_progress" and not special_order.artwork.images.exists()


def test_delivering_through_the_api_takes_photos_and_shows_them(special_order_in, buyer):
    special_order = special_order_in("in_progress")
    response = client_for(special_order.artist.user).post(
        f"{API}/{special_order.pk}/deliver", {"note": "On its way", "photos": [image_upload()]}, format="multipart")
    assert response.status_code == 200, response.content
    body = client_for(buyer).get(f"{API}/{special_order.pk}").json()
    assert body["status"] == "delivered"
    assert len(body["work_images"]) == 1 and body["work_images"][0]["thumbnail"].startswith("http://testserver/media/")


def test_more_photos_than_allowed_are_a_400_with_the_field_named(special_order_in):
    special_order = special_order_in("in_progress")
    response = client_for(special_order.artist.user).post(
        f"{API}/{special_order.pk}/deliver", {"photos": [image_upload() for _ in range(5)]}, format="multipart")
    assert response.status_code == 400
    assert "photos" in response.json()["error"]["fields"]
    special_order.refresh_from_db()
    assert special_order.status == "in_progress"


def test_delivering_without_photos_still_works_and_shows_no_empty_section(client, special_order_in, buyer):
    special_order = special_order_in("delivered")
    client.force_login(buyer)
    assert "The finished work" not in client.get(f"/special-orders/{special_order.pk}/").content.decode()
