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
