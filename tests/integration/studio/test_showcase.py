"""The artist edits their showcase page: texts, portrait, commission settings (studio and API)."""
import pytest
from wagtail.images import get_image_model

from artists.models import ArtistPage
from tests.factories.studio import HTML_PAYLOAD, image_bytes, image_upload, upload

pytestmark = pytest.mark.django_db


def test_the_showcase_edit_publishes_bio_statement_portrait_and_commission_settings(studio, artist, client):
    response = studio.post("/studio/showcase/", {
        "bio": "Painter of harbours.\n\nBorn in <Bergen> & raised by the sea.", "statement": "Light first.",
        "location": "Bergen", "accepts_commissions": "", "turnaround_weeks": "6",
        "portrait": upload(image_bytes(size=(300, 400), exif=True), "me.jpg"),
    })
    assert response.status_code == 302
    page = ArtistPage.objects.get(artist=artist)
    assert page.bio == "<p>Painter of harbours.</p><p>Born in &lt;Bergen&gt; &amp; raised by the sea.</p>"
    assert page.statement == "Light first." and page.live
    assert page.portrait is not None and b"SpyCam" not in page.portrait.file.read()
    artist.refresh_from_db()
    assert (artist.accepts_commissions, artist.turnaround_weeks) == (False, 6)
    public = client.get(artist.get_absolute_url()).content.decode()
    assert "Born in &lt;Bergen&gt; &amp; raised by the sea." in public
    # The form shows the text back as it was typed.
    assert "Born in &lt;Bergen&gt; &amp; raised by the sea." in studio.get("/studio/showcase/").content.decode()
    assert page.get_latest_revision().user == artist.user


def test_a_portrait_that_is_not_an_image_is_refused_and_nothing_changes(studio, artist):
    response = studio.post("/studio/showcase/", {"bio": "New", "statement": "", "location": "",
                                                 "portrait": upload(HTML_PAYLOAD, "me.jpg")})
    assert response.status_code == 400 and "me.jpg: This file is not a JPEG" in response.content.decode()
    assert ArtistPage.objects.get(artist=artist).bio == "" and not get_image_model().objects.exists()


def test_the_api_reads_and_changes_the_showcase(studio_api, artist):
    body = studio_api.get("/api/v1/studio/showcase").json()
    assert body["accepts_commissions"] is True and body["portrait_url"] is None
    response = studio_api.patch("/api/v1/studio/showcase", {"statement": "Colour is a place.",
                                                           "turnaround_weeks": 3, "portrait": image_upload()},
                                format="multipart")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["statement"] == "Colour is a place." and body["turnaround_weeks"] == 3
    assert body["portrait_url"].startswith("http://testserver/media/") and body["accepts_commissions"] is True
    assert studio_api.patch("/api/v1/studio/showcase", {"turnaround_weeks": 0}, format="json").status_code == 400
