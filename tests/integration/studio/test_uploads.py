"""Uploading new art: only real JPEG/PNG/WebP within limits; a refused upload leaves nothing behind."""
import io
from decimal import Decimal

import pytest
from oscar.core.loading import get_model
from PIL import Image

from storefront.catalogue import images
from tests.factories.studio import (
    HTML_PAYLOAD,
    SVG_PAYLOAD,
    decompression_bomb_png,
    image_bytes,
    image_upload,
    oversize_bytes,
    upload,
)

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def _form(artwork_images, **extra):
    return {"title": "Fjord in Fog", "description": "Grey morning.", "vibe": "", "tags": "fjord, fog",
            "medium": "oil", "width_cm": "50", "height_cm": "40", "year": "2024", "kind": "original",
            "price": "640.00", "images": artwork_images, **extra}


HOSTILE = {
    "decompression bomb": lambda: upload(decompression_bomb_png(), "bomb.png", "image/png"),
    "too many pixels": lambda: upload(decompression_bomb_png(side=9_000), "huge.png", "image/png"),
    "HTML named .jpg": lambda: upload(HTML_PAYLOAD, "photo.jpg", "image/jpeg"),
    "SVG": lambda: upload(SVG_PAYLOAD, "drawing.svg", "image/svg+xml"),
    "oversize": lambda: upload(oversize_bytes(images.MAX_UPLOAD_BYTES), "big.jpg", "image/jpeg"),
    "GIF": lambda: upload(image_bytes(fmt="GIF"), "anim.gif", "image/gif"),
}
MESSAGES = {
    "decompression bomb": "far too many pixels",
    "too many pixels": "9000×9000 pixels; the limit is 40 megapixels",
    "HTML named .jpg": "photo.jpg: This file is not a JPEG, PNG or WebP image.",
    "SVG": "drawing.svg: This file is not a JPEG, PNG or WebP image.",
    "oversize": "is over the 15 MB limit",
    "GIF": "anim.gif: This file is not a JPEG, PNG or WebP image.",
}


def _nothing_saved(media_files) -> None:
    assert not Product.objects.exists() and not StockRecord.objects.exists()
    assert not ProductImage.objects.exists()
    assert media_files() == []


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_file_is_refused_on_the_page_and_nothing_is_saved(studio, media_files, kind):
    # A good image first: the bad one after it must not leave the good one behind either.
    response = studio.post("/studio/artworks/new/", _form([image_upload(), HOSTILE[kind]()]))
    assert response.status_code == 400
    assert MESSAGES[kind] in response.content.decode()
    _nothing_saved(media_files)


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_file_is_refused_by_the_api_and_nothing_is_saved(studio_api, media_files, kind):
    body = {**_form([image_upload(), HOSTILE[kind]()]), "tags": ["fjord"]}
    body.pop("vibe")
    response = studio_api.post("/api/v1/studio/artworks", body, format="multipart")
    assert response.status_code == 400
    assert MESSAGES[kind] in str(response.json()["error"]["fields"]["images"])
    _nothing_saved(media_files)


def test_files_written_before_a_later_failure_are_deleted(studio, media_files, monkeypatch):
    real_save = ProductImage.save
    calls = []

    def save_then_fail(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(ProductImage, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        studio.post("/studio/artworks/new/", _form([image_upload(), image_upload("two.png")]))
    _nothing_saved(media_files)


def test_new_art_is_re_encoded_without_metadata_with_a_thumbnail_and_for_sale_at_once(
        studio, artist, media_files, django_capture_on_commit_callbacks):
    big = image_bytes(size=(2600, 1300), exif=True)
    assert b"SpyCam" in big
    with django_capture_on_commit_callbacks(execute=True):
        response = studio.post("/studio/artworks/new/", _form([upload(big, "fjord.jpg"), image_upload("b.webp")]))
    assert response.status_code == 302 and response["Location"] == "/studio/artworks/"
    artwork = Product.objects.get()
    assert (artwork.artist, artwork.title, artwork.is_public, artwork.kind) == (
        artist, "Fjord in Fog", True, "original")
    assert sorted(tag.name for tag in artwork.tags.all()) == ["fjord", "fog"]
    stock = StockRecord.objects.get(product=artwork)
    assert (stock.price, stock.num_in_stock, stock.partner) == (Decimal("640.00"), 1, artist.partner)
    first = artwork.images.order_by("display_order").first()
    stored = first.original.read()
    assert b"SpyCam" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as full:
        assert full.format == "JPEG" and max(full.size) == images.MAX_STORED_SIDE
    with Image.open(first.thumbnail) as thumb:
        assert max(thumb.size) == images.THUMBNAIL_SIDE
    assert len(media_files()) == 4

    # In the shop and in search straight away.
    assert studio.get(f"/api/v1/products/{artwork.pk}").status_code == 200
    from haystack.query import SearchQuerySet

    assert [int(result.pk) for result in SearchQuerySet().models(Product).auto_query("fjord fog")] == [artwork.pk]


def test_an_edition_needs_its_size_and_its_stock_is_that_size(studio):
    response = studio.post("/studio/artworks/new/", _form([image_upload()], kind="edition"))
    assert response.status_code == 400 and "How many prints are in the edition?" in response.content.decode()
    studio.post("/studio/artworks/new/", _form([image_upload()], kind="edition", edition_size="25"))
    artwork = Product.objects.get()
    assert (artwork.kind, artwork.edition_size, artwork.stockrecords.get().num_in_stock) == ("edition", 25, 25)


def test_new_art_needs_at_least_one_image_and_valid_fields(studio):
    response = studio.post("/studio/artworks/new/", _form([], price="-1", year="3020"))
    page = response.content.decode()
    assert response.status_code == 400 and not Product.objects.exists()
    for message in ("This field is required.", "greater than or equal to 0.01", "The year cannot be in the future."):
        assert message in page


def test_the_api_lists_a_new_work_with_its_images(studio_api, artist):
    response = studio_api.post("/api/v1/studio/artworks/", {
        "title": "Blue Hour", "price": "90.50", "kind": "edition", "edition_size": "10", "tags": "blue, dusk",
        "vibe": "calm", "images": [image_upload(), image_upload("2.png")]}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["price"], body["kind"], body["edition_size"], body["is_public"]) == (
        "Blue Hour", "90.50", "edition", 10, True)
    assert body["tags"] == ["blue", "dusk"] and body["vibe"]["slug"] == "calm" and len(body["images"]) == 2
    assert body["availability"] == {"is_available": True, "num_available": 10}


@pytest.fixture
def categories():
    from oscar.apps.catalogue.categories import create_from_breadcrumbs

    return {path: create_from_breadcrumbs(path) for path in ("Paintings > Landscapes", "Paintings > Portraits",
                                                             "Drawings")}


def _titles_browsing(client, category) -> list[str]:
    return [artwork.title for artwork in client.get(category.get_absolute_url()).context["artworks"]]


def test_new_art_is_filed_under_the_category_chosen_and_buyers_find_it_browsing_there(studio, client, categories):
    form = studio.get("/studio/artworks/new/").content.decode()
    assert 'name="category"' in form and ">— Landscapes</option>" in form and ">Drawings</option>" in form

    missing = studio.post("/studio/artworks/new/", _form([image_upload()]))
    assert missing.status_code == 400 and not Product.objects.exists()
    assert "This field is required." in missing.content.decode()

    landscapes = categories["Paintings > Landscapes"]
    assert studio.post("/studio/artworks/new/", _form([image_upload()], category=landscapes.pk)).status_code == 302
    assert list(Product.objects.get().categories.all()) == [landscapes]
    client.logout()
    assert _titles_browsing(client, landscapes) == ["Fjord in Fog"]
    assert _titles_browsing(client, landscapes.get_parent()) == ["Fjord in Fog"]  # "Paintings" holds its children
    assert _titles_browsing(client, categories["Drawings"]) == []


def test_an_artist_moves_a_work_to_another_category(studio, client, categories):
    landscapes, drawings = categories["Paintings > Landscapes"], categories["Drawings"]
    studio.post("/studio/artworks/new/", _form([image_upload()], category=landscapes.pk))
    artwork = Product.objects.get()
    edit = studio.get(f"/studio/artworks/{artwork.pk}/")
    assert edit.context["form"]["category"].value() == landscapes.pk  # shown as it is filed
    fields = {**_form([]), "category": drawings.pk}
    fields.pop("images")
    fields.pop("kind")
    assert studio.post(f"/studio/artworks/{artwork.pk}/", fields).status_code == 302
    assert list(artwork.categories.all()) == [drawings]
    client.logout()
    assert _titles_browsing(client, drawings) == ["Fjord in Fog"] and _titles_browsing(client, landscapes) == []


def test_the_api_files_a_new_work_under_its_category_and_refuses_an_unknown_one(studio_api, client, categories):
    drawings = categories["Drawings"]
    body = {"title": "Pencil Pier", "price": "90.00", "images": [image_upload()]}
    unknown = studio_api.post("/api/v1/studio/artworks", {**body, "category": 999999}, format="multipart")
    assert unknown.status_code == 400 and "category" in unknown.json()["error"]["fields"]
    created = studio_api.post("/api/v1/studio/artworks", {**body, "images": [image_upload()], "category": drawings.pk},
                              format="multipart")
    assert created.status_code == 201, created.content
    assert _titles_browsing(client, drawings) == ["Pencil Pier"]
