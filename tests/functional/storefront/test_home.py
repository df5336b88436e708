"""The home page: the hero, vibes to explore, the newest available works and the artists."""
import pytest

from tests.factories.catalogue import make_artist
from tests.factories.storefront import make_artworks
from tests.functional.storefront.queries import assert_same_queries_as_it_grows


@pytest.mark.django_db
def test_the_home_page_shows_vibes_new_work_and_artists(client, storefront_catalogue):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Explore by vibe", 'href="/shop/catalogue/?vibe=dreamy"', "Just listed", "Harbour at Dusk",
                 "Night Market Print", "Meet the artists", 'href="/artists/mira-solberg/"'):
        assert text in html, text


@pytest.mark.django_db
def test_the_home_page_lists_only_work_that_is_for_sale(client, storefront_catalogue):
    newest = [artwork.title for artwork in client.get("/").context["newest_artworks"]]
    assert "Sold Lighthouse" not in newest and "Red Storm" in newest


@pytest.mark.django_db
def test_the_home_page_costs_the_same_queries_for_a_small_or_bigger_shop(client, site_tree, vibe,
                                                                         django_assert_max_num_queries):
    def grow(count):
        for _ in range(count):
            make_artworks(make_artist(vibe=vibe), 3, vibe=vibe)

    assert_same_queries_as_it_grows(client, ["/"], grow=grow, small=2, large=7,
                                    assert_max_num_queries=django_assert_max_num_queries, most=20)


@pytest.mark.django_db
def test_the_hero_is_the_home_pages_own_content_edited_in_the_cms(client, site_tree):
    from storefront.cms.models import HomePage

    home = HomePage.objects.get()
    assert "Find the piece that feels like you." in client.get("/").content.decode()  # a new site's words

    home.hero_eyebrow = ""
    home.hero_title = "The spring show is on"
    home.hero_text = "Forty new works by twelve artists, until May."
    home.hero_cta_label = "See the show"
    home.hero_cta_url = "/shop/catalogue/?vibe=dreamy"
    home.save_revision().publish()

    html = client.get("/").content.decode()
    assert '<h1 id="hero-heading">The spring show is on</h1>' in html
    assert "Forty new works by twelve artists, until May." in html
    assert 'href="/shop/catalogue/?vibe=dreamy">See the show</a>' in html
    for old in ("Find the piece that feels like", "Local art, each with its own vibe", "Browse available art"):
        assert old not in html, old
