"""Tags suggested from the image: the studio API answers with colours (and a vibe once trained), the upload
form keeps the colour tags the artist settles on, and the work's page shows them."""
import pytest
from django.core.management import call_command
from oscar.core.loading import get_model

from storefront.catalogue.vibe_classifier import vibe_classifier_cache_clear, vibe_classifier_current
from tests.factories.api import client_for
from tests.factories.catalogue import make_artwork, make_buyer, make_vibe, png_bytes
from tests.factories.studio import HTML_PAYLOAD, image_upload, oversize_bytes, upload

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db
URL = "/api/v1/studio/artworks/suggest"
TEAL, RED = (42, 127, 127), (201, 48, 44)


@pytest.fixture(autouse=True)
def model_dir(settings, tmp_path):
    # Each test trains into (and suggests from) its own folder: none trained unless the test trains.
    settings.RECOMMENDER_DIR = tmp_path / "models"
    vibe_classifier_cache_clear()
    yield settings.RECOMMENDER_DIR
    vibe_classifier_cache_clear()


def _teal_picture():
    return upload(png_bytes(TEAL, size=(160, 120)), "teal.png", "image/png")


def _labelled_catalogue(artist):
    """Calm works are teal and quiet, bold ones red and loud: enough for the classifier to learn."""
    calm, bold = make_vibe("calm"), make_vibe("bold")
    for n in range(8):
        make_artwork(artist, title=f"Quiet harbour {n}", description="Still water at dawn.", vibe=calm,
                     images=[png_bytes(TEAL)])
        make_artwork(artist, title=f"Loud blaze {n}", description="A clash of neon.", vibe=bold,
                     images=[png_bytes(RED)])


def test_visitors_are_asked_to_sign_in_and_buyers_are_refused(api_client):
    assert api_client.post(URL, {"image": _teal_picture()}, format="multipart").status_code == 401
    response = client_for(make_buyer()).post(URL, {"image": _teal_picture()}, format="multipart")
    assert response.status_code == 403


def test_before_any_training_an_artist_gets_the_colours_and_no_vibe(studio_api):
    response = studio_api.post(URL, {"image": _teal_picture()}, format="multipart")

    assert response.status_code == 200
    assert response.json() == {"vibe": None, "colours": [{"name": "teal", "hex": "#2a7f7f", "share": 1.0}]}


def test_after_the_nightly_training_the_vibe_is_suggested_with_its_confidence(studio_api, artist):
    _labelled_catalogue(artist)
    call_command("train_recommender", verbosity=0)

    answer = studio_api.post(URL, {"image": _teal_picture(), "title": "Quiet morning"}, format="multipart").json()

    assert answer["vibe"]["slug"] == "calm" and answer["vibe"]["name"] == "Calm"
    assert 0.5 < answer["vibe"]["confidence"] <= 1
    assert [colour["name"] for colour in answer["colours"]] == ["teal"]


@pytest.mark.parametrize(("body", "message"), [
    ({}, "No file was submitted."),
    ({"image": upload(HTML_PAYLOAD, "photo.jpg", "image/jpeg")}, "photo.jpg: This file is not a JPEG, PNG or WebP"),
    ({"image": upload(oversize_bytes(15 * 1024 * 1024), "big.jpg", "image/jpeg")}, "over the 15 MB limit"),
], ids=["missing", "not an image", "too large"])
def test_a_missing_or_wrong_file_is_refused_with_a_message_on_the_image_field(studio_api, body, message):
    response = studio_api.post(URL, body, format="multipart")

    assert response.status_code == 400
    assert message in " ".join(response.json()["error"]["fields"]["image"])


def test_training_with_a_single_vibe_leaves_suggestions_to_colours_only(artist, capsys):
    calm = make_vibe("calm")
    for n in range(12):
        make_artwork(artist, title=f"Harbour {n}", vibe=calm)

    call_command("train_recommender")

    assert "Vibe classifier not trained: 12 labelled works in 1 vibes" in capsys.readouterr().out
    assert vibe_classifier_current() is None


def test_the_colour_tags_the_artist_keeps_are_saved_and_shown_on_the_works_page(studio, client):
    response = studio.post("/studio/artworks/new/", {
        "title": "Teal Bay", "description": "", "vibe": "", "colours": "Teal, ochre, teal", "tags": "",
        "medium": "", "kind": "original", "price": "90.00", "images": [image_upload(colour=TEAL)]})

    assert response.status_code == 302
    artwork = Product.objects.get(title="Teal Bay")
    assert artwork.colours == ["teal", "ochre"]
    page = client.get(artwork.get_absolute_url())
    assert '<li data-colour="teal">teal</li><li data-colour="ochre">ochre</li>' in page.content.decode()
    edit = studio.get(f"/studio/artworks/{artwork.pk}/")
    assert 'value="teal, ochre"' in edit.content.decode()


def test_a_colour_name_artiqo_does_not_know_is_refused_on_the_form_and_in_the_api(studio, studio_api):
    response = studio.post("/studio/artworks/new/", {
        "title": "Odd", "colours": "teal, blurple", "kind": "original", "price": "90.00",
        "images": [image_upload()]})
    assert response.status_code == 400
    assert "“blurple” is not one of Artiqo&#x27;s colour names" in response.content.decode()

    response = studio_api.post("/api/v1/studio/artworks", {
        "title": "Odd", "price": "90.00", "colours": "teal, blurple", "images": [image_upload()]}, format="multipart")
    assert response.status_code == 400
    assert "blurple" in response.json()["error"]["fields"]["colours"][0]
    assert not Product.objects.filter(title="Odd").exists()


def test_the_api_lists_a_work_with_its_colour_tags(studio_api):
    response = studio_api.post("/api/v1/studio/artworks", {
        "title": "Teal Bay", "price": "90.00", "colours": ["navy", "Cream"], "images": [image_upload()]},
        format="multipart")

    assert response.status_code == 201
    assert response.json()["colours"] == ["navy", "cream"]
    assert studio_api.get(f"/api/v1/products/{response.json()['id']}").json()["colours"] == ["navy", "cream"]
