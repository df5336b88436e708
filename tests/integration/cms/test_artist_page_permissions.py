"""Artists edit their own showcase page in Wagtail and nothing else; admins edit, preview and publish all."""
import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from artists.models import ArtistIndexPage, ArtistPage
from artists.selectors import artist_page_edit_url

pytestmark = pytest.mark.django_db


def _edit_data(page, **changes):
    data = {"title": page.title, "slug": page.slug, "bio": rich_text("<p>Paints the sea.</p>"),
            "statement": page.statement, "comments": inline_formset([])}
    data.update(changes)
    return nested_form_data(data)


def test_a_new_artist_can_open_the_cms_and_edit_their_own_page(client, artist):
    page = ArtistPage.objects.get(artist=artist)
    assert page.owner == artist.user
    client.force_login(artist.user)
    assert client.get("/cms/").status_code == 200
    assert client.get(artist_page_edit_url(artist=artist)).status_code == 200


def test_an_artist_cannot_edit_another_artists_page(client, artist, other_artist):
    client.force_login(artist.user)
    other_page = ArtistPage.objects.get(artist=other_artist)
    response = client.get(f"/cms/pages/{other_page.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(f"/cms/pages/{other_page.pk}/edit/", _edit_data(other_page, statement="Hacked"))
    assert response.status_code in (302, 403)
    latest = ArtistPage.objects.get(pk=other_page.pk).get_latest_revision()
    assert latest is None or latest.content.get("statement") != "Hacked"


def test_an_artists_changes_wait_for_an_admin_to_publish_them(client, admin_user, artist):
    page = ArtistPage.objects.get(artist=artist)
    client.force_login(artist.user)
    response = client.post(f"/cms/pages/{page.pk}/edit/", _edit_data(page, statement="Light on water",
                                                                     **{"action-submit": "Submit"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.statement != "Light on water"  # the live page is unchanged
    assert page.has_unpublished_changes and page.workflow_in_progress

    client.force_login(admin_user)
    preview = client.post(f"/cms/pages/{page.pk}/edit/preview/", _edit_data(page, statement="Light on water"))
    assert preview.status_code == 200 and preview.json()["is_valid"]
    response = client.post(f"/cms/pages/{page.pk}/edit/", _edit_data(page, statement="Light on water",
                                                                     **{"action-publish": "Publish"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.statement == "Light on water"


def test_an_artist_may_not_publish_create_delete_move_or_copy_pages(client, artist):
    page = ArtistPage.objects.get(artist=artist)
    index = ArtistIndexPage.objects.get()
    client.force_login(artist.user)
    assert client.get(f"/cms/pages/add/artists/artistpage/{index.pk}/").status_code in (302, 403)
    assert client.get(f"/cms/pages/{page.pk}/delete/").status_code in (302, 403)
    assert client.get(f"/cms/pages/{page.pk}/copy/").status_code in (302, 403)
    assert client.get(f"/cms/pages/{page.pk}/move/").status_code in (302, 403)
    client.post(f"/cms/pages/{page.pk}/edit/", _edit_data(page, statement="Now!", **{"action-publish": "Publish"}))
    page.refresh_from_db()
    assert page.statement != "Now!"
    assert Page.objects.filter(pk=page.pk).exists()


def test_an_artist_sees_only_their_own_page_under_artists(client, artist, other_artist):
    index = ArtistIndexPage.objects.get()
    own, other = (ArtistPage.objects.get(artist=someone) for someone in (artist, other_artist))
    client.force_login(artist.user)
    response = client.get(f"/cms/pages/{index.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/cms/pages/{own.pk}/edit/" in html and f"/cms/pages/{other.pk}/edit/" not in html


def test_admins_edit_any_artists_page(client, admin_user, artist, other_artist):
    client.force_login(admin_user)
    for someone in (artist, other_artist):
        assert client.get(artist_page_edit_url(artist=someone)).status_code == 200


def test_artists_made_before_the_cms_rights_get_them_with_one_command(client, artist):
    from django.core.management import call_command

    artist.user.groups.clear()
    client.force_login(artist.user)
    assert client.get("/cms/").status_code == 302  # no admin access yet
    call_command("cms_artist_access_sync", stdout=open("/dev/null", "w"))
    assert client.get(artist_page_edit_url(artist=artist)).status_code == 200
