"""The artist directory (/artists/) and each artist's page."""
from decimal import Decimal

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from artists.models import ArtistPage
from tests.factories.catalogue import make_artist, png_bytes
from tests.factories.storefront import make_artworks
from tests.functional.storefront.queries import assert_same_queries_as_it_grows


@pytest.mark.django_db
def test_the_directory_lists_every_artist_with_their_vibe_place_and_work(client, storefront_catalogue):
    response = client.get("/artists/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Mira Solberg", "Tomas Lindqvist", "Bergen", ">Calm<", ">Bold<", "2 works for sale"):
        assert text in html, text
    assert 'href="/artists/mira-solberg/"' in html
    assert storefront_catalogue["works"]["harbour"].images.first().thumbnail.url in html


@pytest.mark.django_db
def test_an_artist_without_a_portrait_shows_their_initials(client, storefront_catalogue):
    html = client.get("/artists/").content.decode()
    assert 'class="portrait portrait-fallback" data-vibe="calm" aria-hidden="true">MS</span>' in html


@pytest.mark.django_db
def test_an_artists_portrait_is_shown_when_they_have_one(client, storefront_catalogue, tmp_path):
    path = tmp_path / "portrait.png"
    path.write_bytes(png_bytes((120, 80, 60), size=(300, 300)))
    with path.open("rb") as handle:
        portrait = get_image_model().objects.create(title="Mira", file=ImageFile(handle, name="portrait.png"))
    ArtistPage.objects.filter(artist=storefront_catalogue["artists"]["mira"]).update(portrait=portrait)
    directory = client.get("/artists/").content.decode()
    page = client.get("/artists/mira-solberg/").content.decode()
    assert "portrait-fallback" not in page and 'alt="Mira Solberg"' in page
    assert directory.count("portrait-fallback") == 1  # only Tomas is left without a photo


@pytest.mark.django_db
def test_an_artist_page_shows_their_story_and_only_their_available_work(client, storefront_catalogue):
    response = client.get("/artists/mira-solberg/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Mira Solberg", "Bergen", "I paint the sea when it is quiet.", ">Calm<",
                 "Harbour at Dusk", "Quiet Fjord"):
        assert text in html, text
    assert "Sold Lighthouse" not in html and "Red Storm" not in html


@pytest.mark.django_db
def test_the_commission_link_shows_only_for_artists_who_take_commissions(client, storefront_catalogue):
    assert 'href="/special-orders/new/mira-solberg/"' in client.get("/artists/mira-solberg/").content.decode()
    tomas = client.get("/artists/tomas-lindqvist/").content.decode()
    assert "Commission this artist" not in tomas and "/special-orders/new/" not in tomas


@pytest.mark.django_db
def test_an_unknown_artist_is_404(client, storefront_catalogue):
    assert client.get("/artists/nobody-at-all/").status_code == 404


@pytest.mark.django_db
def test_the_directory_costs_the_same_queries_for_2_or_8_artists(client, site_tree, vibe,
                                                                 django_assert_max_num_queries):
    def grow(count):
        for _ in range(count):
            make_artworks(make_artist(vibe=vibe), 4, vibe=vibe)

    assert_same_queries_as_it_grows(client, ["/artists/"], grow=grow, small=2, large=8,
                                    assert_max_num_queries=django_assert_max_num_queries, most=10)


@pytest.mark.django_db
def test_an_artist_page_costs_the_same_queries_for_3_or_20_works(client, artist, vibe,
                                                                 django_assert_max_num_queries):
    assert_same_queries_as_it_grows(
        client, [f"/artists/{artist.slug}/"], grow=lambda count: make_artworks(artist, count, vibe=vibe,
                                                                               price=Decimal("70.00")),
        # 15: one is the average of the artist's verified reviews, two count the commission
        # slots taken and the waitlist.
        small=3, large=20, assert_max_num_queries=django_assert_max_num_queries, most=15,
    )


@pytest.mark.django_db
def test_the_directory_pages_through_artists_in_name_order(client, site_tree, vibe):
    from artists.selectors import artist_list
    from artists.templatetags.artist_pages import artists_directory

    for name in ("Ana Berg", "Bo Dahl", "Cleo Moss", "Dina Holt", "Emil Lund"):
        make_artist(name, vibe=vibe)
    second = artists_directory(artist_list(), page="2", per_page=2)
    assert [artist.name for artist in second.object_list] == ["Cleo Moss", "Dina Holt"]
    assert artists_directory(artist_list(), page="99", per_page=2).number == 3
    assert artists_directory(artist_list(), page="junk", per_page=2).number == 1
