"""Editing, withdrawing and illustrating one's own art, in the studio and through the API; never another's."""
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from storefront.basket.services import basket_for_user
from tests.factories.catalogue import make_artwork, make_buyer
from tests.factories.orders import make_basket
from tests.factories.studio import SVG_PAYLOAD, image_upload, upload

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def _edit_form(artwork, **changes):
    data = {"title": artwork.title, "description": artwork.description, "vibe": artwork.vibe_id or "",
            "tags": "", "medium": artwork.medium, "style": artwork.style, "width_cm": "", "height_cm": "",
            "year": "", "edition_size": artwork.edition_size or "", "price": "120.00"}
    data.update(changes)
    return data


def test_anonymous_visitors_log_in_and_non_artists_are_refused(client, artwork):
    for path in ("/studio/", "/studio/artworks/", "/studio/orders/", "/studio/special-orders/", "/studio/showcase/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(f"/shop/accounts/login/?next={path}")
    client.force_login(make_buyer())
    assert client.get("/studio/artworks/").status_code == 403
    assert client.get("/studio/")["Location"] == "/studio/apply/"  # how to become an artist
    assert client.post(f"/studio/artworks/{artwork.pk}/withdraw/").status_code == 403


def test_the_api_says_401_to_visitors_and_403_to_non_artists(api_client, artwork):
    from tests.factories.api import client_for

    assert api_client.get("/api/v1/studio/artworks").status_code == 401
    assert client_for(make_buyer()).get("/api/v1/studio/artworks").status_code == 403
    assert client_for(make_buyer()).delete(f"/api/v1/studio/artworks/{artwork.pk}").status_code == 403


def test_an_artist_cannot_see_or_touch_another_artists_art(client, artwork, other_artist):
    from tests.factories.api import client_for

    client.force_login(other_artist.user)
    assert client.get(f"/studio/artworks/{artwork.pk}/").status_code == 404
    assert client.post(f"/studio/artworks/{artwork.pk}/", _edit_form(artwork, title="Mine now")).status_code == 404
    assert client.post(f"/studio/artworks/{artwork.pk}/withdraw/").status_code == 404
    image = artwork.images.get()
    assert client.post(f"/studio/artworks/{artwork.pk}/images/{image.pk}/remove/").status_code == 404
    api = client_for(other_artist.user)
    assert api.get(f"/api/v1/studio/artworks/{artwork.pk}").status_code == 404
    assert api.patch(f"/api/v1/studio/artworks/{artwork.pk}", {"title": "x"}, format="json").status_code == 404
    assert api.delete(f"/api/v1/studio/artworks/{artwork.pk}").status_code == 404
    assert api.delete(f"/api/v1/studio/artworks/{artwork.pk}/images/{image.pk}").status_code == 404
    assert api.get("/api/v1/studio/artworks").json()["count"] == 0
    artwork.refresh_from_db()
    assert (artwork.title, artwork.is_public, artwork.images.count()) == ("Harbour at Dusk", True, 1)


def test_an_artist_edits_their_work_and_adds_images(studio, artwork):
    response = studio.post(f"/studio/artworks/{artwork.pk}/", _edit_form(
        artwork, title="Harbour at Night", tags="night, harbour", price="150.00", width_cm="30", height_cm="20",
        images=[image_upload("extra.png")]))
    assert response.status_code == 302
    artwork.refresh_from_db()
    assert artwork.title == "Harbour at Night" and artwork.dimensions
    assert StockRecord.objects.get(product=artwork).price == Decimal("150.00")
    assert sorted(tag.name for tag in artwork.tags.all()) == ["harbour", "night"]
    assert list(artwork.images.values_list("display_order", flat=True)) == [0, 1]


def test_a_bad_image_in_an_edit_changes_nothing(studio, artwork, media_files):
    before = media_files()
    response = studio.post(f"/studio/artworks/{artwork.pk}/", _edit_form(
        artwork, title="Changed", images=[image_upload(), upload(SVG_PAYLOAD, "x.svg", "image/svg+xml")]))
    assert response.status_code == 400 and "x.svg: This file is not a JPEG" in response.content.decode()
    artwork.refresh_from_db()
    assert artwork.title == "Harbour at Dusk" and artwork.images.count() == 1 and media_files() == before


def test_withdrawing_takes_the_work_off_sale_and_out_of_carts_and_restoring_brings_it_back(studio, artwork):
    buyer = make_buyer()
    make_basket(buyer, artwork)
    response = studio.post(f"/studio/artworks/{artwork.pk}/withdraw/")
    assert response.status_code == 302
    artwork.refresh_from_db()
    assert artwork.is_public is False and basket_for_user(user=buyer).num_lines == 0
    assert studio.get(f"/api/v1/products/{artwork.pk}").status_code == 404
    assert "Withdrawn" in studio.get("/studio/artworks/").content.decode()
    studio.post(f"/studio/artworks/{artwork.pk}/restore/")
    artwork.refresh_from_db()
    assert artwork.is_public is True


def test_withdrawing_is_post_only(studio, artwork):
    assert studio.get(f"/studio/artworks/{artwork.pk}/withdraw/").status_code == 405


def test_the_last_image_of_a_work_for_sale_stays(studio, artwork):
    image = artwork.images.get()
    response = studio.post(f"/studio/artworks/{artwork.pk}/images/{image.pk}/remove/", follow=True)
    assert "needs at least one image" in response.content.decode()
    assert artwork.images.count() == 1


def test_removing_an_image_deletes_its_files_after_commit(studio, artwork, media_files,
                                                          django_capture_on_commit_callbacks):
    from studio.services import studio_image_add

    extra = studio_image_add(artist=artwork.artist, artwork=artwork, data=image_upload().read())
    names = {extra.original.name, extra.thumbnail.name}
    assert names <= set(media_files())
    with django_capture_on_commit_callbacks(execute=True):
        studio.post(f"/studio/artworks/{artwork.pk}/images/{extra.pk}/remove/")
    assert not names & set(media_files()) and artwork.images.count() == 1


def test_an_edition_grows_and_shrinks_but_not_below_what_is_sold(studio_api, artist):
    from storefront.order.holds import stock_reserve

    edition = make_artwork(artist, kind="edition", edition_size=10)
    stock = StockRecord.objects.get(product=edition)
    assert stock_reserve(stockrecord_id=stock.pk, quantity=4)
    url = f"/api/v1/studio/artworks/{edition.pk}"
    assert studio_api.patch(url, {"edition_size": 12}, format="json").json()["edition_size"] == 12
    stock.refresh_from_db()
    assert stock.num_in_stock == 12
    response = studio_api.patch(url, {"edition_size": 3}, format="json")
    assert response.status_code == 400 and "edition_size" in response.json()["error"]["fields"]
    assert studio_api.patch(url, {"edition_size": 4}, format="json").status_code == 200
    assert studio_api.patch(url, {"kind": "original"}, format="json").status_code == 400


def test_the_api_edits_withdraws_restores_and_manages_images(studio_api, artwork):
    url = f"/api/v1/studio/artworks/{artwork.pk}"
    body = studio_api.patch(url, {"title": "Renamed", "price": "99.99", "tags": ["sea"]}, format="json").json()
    assert (body["title"], body["price"], body["tags"]) == ("Renamed", "99.99", ["sea"])
    added = studio_api.post(f"{url}/images", {"image": image_upload()}, format="multipart")
    assert added.status_code == 201 and added.json()["id"]
    refused = studio_api.post(f"{url}/images", {"image": upload(SVG_PAYLOAD, "a.svg", "image/svg+xml")},
                              format="multipart")
    assert refused.status_code == 400 and "image" in refused.json()["error"]["fields"]
    assert studio_api.delete(f"{url}/images/{added.json()['id']}").status_code == 204
    last = studio_api.get(url).json()["images"][0]["id"]
    response = studio_api.delete(f"{url}/images/{last}")
    assert response.status_code == 409 and "at least one image" in response.json()["error"]["message"]
    assert studio_api.delete(url).status_code == 204
    assert studio_api.get(url).json()["is_public"] is False
    assert studio_api.post(f"{url}/restore").json()["is_public"] is True


def test_the_studio_lists_withdrawn_work_but_not_commissioned_one_offs(studio_api, artist, buyer,
                                                                      django_assert_max_num_queries):
    from tests.factories.studio import make_special_order, special_order_walk

    for n in range(3):
        make_artwork(artist, title=f"Work {n}")
    withdrawn = make_artwork(artist, title="Withdrawn", is_public=False)
    commission = special_order_walk(make_special_order(buyer, artist), "accepted")
    with django_assert_max_num_queries(8) as few:
        body = studio_api.get("/api/v1/studio/artworks").json()
    ids = [item["id"] for item in body["results"]]
    assert withdrawn.pk in ids and commission.artwork_id not in ids and body["count"] == 4
    for n in range(10):
        make_artwork(artist, title=f"More {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(studio_api.get("/api/v1/studio/artworks").json()["results"]) == 14
    assert studio_api.get(f"/api/v1/studio/artworks/{commission.artwork_id}").status_code == 404
