"""Browsing the shop: /shop/catalogue/ and category pages, their filters, sorting and pages."""
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories.catalogue import make_artist, make_artwork
from tests.factories.storefront import make_artworks
from tests.functional.storefront.queries import assert_same_queries_as_it_grows

BROWSE = "/shop/catalogue/"


def titles(response) -> list[str]:
    return [artwork.title for artwork in response.context["artworks"]]


@pytest.mark.django_db
def test_browse_shows_every_public_work_with_its_price_artist_and_vibe(client, storefront_catalogue):
    response = client.get(BROWSE)
    assert response.status_code == 200
    assert set(titles(response)) == {"Harbour at Dusk", "Quiet Fjord", "Red Storm", "Night Market Print",
                                     "Sold Lighthouse"}
    html = response.content.decode()
    assert "$120.00" in html and "Mira Solberg" in html and ">Calm<" in html
    assert 'href="/artists/mira-solberg/"' in html


@pytest.mark.django_db
def test_a_sold_original_shows_a_sold_badge_on_its_card(client, storefront_catalogue):
    html = client.get(BROWSE).content.decode()
    card = html.split("Sold Lighthouse")[0].rsplit('<li class="art-card', 1)[1]
    assert "is-sold" in card and "badge-sold" in card
    other = html.split("Quiet Fjord")[0].rsplit('<li class="art-card', 1)[1]
    assert "badge-sold" not in other


@pytest.mark.django_db
def test_a_hidden_work_is_not_listed(client, storefront_catalogue):
    make_artwork(storefront_catalogue["artists"]["mira"], title="Draft Work", is_public=False)
    assert "Draft Work" not in titles(client.get(BROWSE))


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["mira-solberg", "by-id"])
def test_filtering_by_artist_shows_only_their_work(client, storefront_catalogue, value):
    mira = storefront_catalogue["artists"]["mira"]
    response = client.get(BROWSE, {"artist": mira.pk if value == "by-id" else value})
    assert set(titles(response)) == {"Harbour at Dusk", "Quiet Fjord", "Sold Lighthouse"}


@pytest.mark.django_db
def test_filtering_by_category_includes_its_subcategories(client, storefront_catalogue):
    response = client.get(BROWSE, {"category": "paintings"})
    assert set(titles(response)) == {"Harbour at Dusk", "Quiet Fjord", "Red Storm", "Sold Lighthouse"}
    assert titles(client.get(BROWSE, {"category": "watercolours"})) == ["Harbour at Dusk"]


@pytest.mark.django_db
def test_filtering_by_vibe(client, storefront_catalogue):
    assert set(titles(client.get(BROWSE, {"vibe": "bold"}))) == {"Red Storm"}
    assert set(titles(client.get(BROWSE, {"vibe": "dreamy"}))) == {"Night Market Print"}


@pytest.mark.django_db
def test_filtering_by_medium(client, storefront_catalogue):
    assert titles(client.get(BROWSE, {"medium": "oil"})) == ["Quiet Fjord"]


@pytest.mark.django_db
def test_filtering_by_price_range_keeps_the_bounds(client, storefront_catalogue):
    response = client.get(BROWSE, {"min_price": "120", "max_price": "480"})
    assert set(titles(response)) == {"Harbour at Dusk", "Quiet Fjord", "Sold Lighthouse"}
    assert set(titles(client.get(BROWSE, {"min_price": "500"}))) == {"Red Storm"}


@pytest.mark.django_db
def test_available_only_hides_sold_work_and_sold_only_shows_it(client, storefront_catalogue):
    assert "Sold Lighthouse" not in titles(client.get(BROWSE, {"available": "1"}))
    assert titles(client.get(BROWSE, {"available": "0"})) == ["Sold Lighthouse"]


@pytest.mark.django_db
def test_filters_combine(client, storefront_catalogue):
    response = client.get(BROWSE, {"artist": "mira-solberg", "vibe": "calm", "available": "1", "max_price": "200"})
    assert titles(response) == ["Harbour at Dusk"]


@pytest.mark.django_db
def test_newest_first_is_the_default_order(client, storefront_catalogue):
    newest = make_artwork(storefront_catalogue["artists"]["tomas"], title="Brand New")
    assert titles(client.get(BROWSE))[0] == newest.title
    assert titles(client.get(BROWSE, {"sort": "newest"}))[0] == newest.title


@pytest.mark.django_db
def test_sorting_by_price_both_ways(client, storefront_catalogue):
    ascending = titles(client.get(BROWSE, {"sort": "price_asc"}))
    assert ascending == ["Night Market Print", "Harbour at Dusk", "Sold Lighthouse", "Quiet Fjord", "Red Storm"]
    assert titles(client.get(BROWSE, {"sort": "price_desc"})) == list(reversed(ascending))


@pytest.mark.django_db
def test_sort_links_keep_the_filters(client, storefront_catalogue):
    html = client.get(BROWSE, {"vibe": "calm", "page": "1"}).content.decode()
    assert 'href="?vibe=calm&amp;sort=price_asc"' in html


@pytest.mark.django_db
def test_pages_hold_24_works_and_link_to_the_next(client, site_tree, artist):
    make_artworks(artist, 30, with_image=False)
    first = client.get(BROWSE)
    assert len(titles(first)) == 24
    assert first.context["paginator"].count == 30
    assert 'href="?page=2"' in first.content.decode()
    second = client.get(BROWSE, {"page": "2"})
    assert len(titles(second)) == 6
    assert not set(titles(first)) & set(titles(second))


@pytest.mark.django_db
def test_page_size_can_be_raised_up_to_96(client, site_tree, artist):
    make_artworks(artist, 30, with_image=False)
    assert len(titles(client.get(BROWSE, {"page_size": "48"}))) == 30
    response = client.get(BROWSE, {"page_size": "500"})
    assert len(titles(response)) == 24
    assert "Page size" in response.content.decode() and "(ignored)" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page, expected_number", [("999", 2), ("abc", 1), ("-3", 1), ("0", 1), ("", 1)])
def test_a_page_number_out_of_range_shows_the_nearest_real_page(client, site_tree, artist, page, expected_number):
    make_artworks(artist, 30, with_image=False)
    response = client.get(BROWSE, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected_number


@pytest.mark.django_db
@pytest.mark.parametrize("params, field, listed", [
    ({"min_price": "abc"}, "Min price", 5),
    ({"max_price": "-5"}, "Max price", 5),
    ({"min_price": "500", "max_price": "100"}, "Max price", 1),  # the minimum still applies
    ({"vibe": "furious"}, "Vibe", 5),
    ({"medium": "crayon"}, "Medium", 5),
    ({"available": "maybe"}, "Availability", 5),
    ({"artist": "<script>alert(1)</script>"}, "Artist", 5),
    ({"sort": "random"}, "Sort", 5),
])
def test_a_bad_filter_value_is_ignored_with_a_message(client, storefront_catalogue, params, field, listed):
    response = client.get(BROWSE, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be used" in html and f"{field}:" in html
    assert len(titles(response)) == listed
    assert "<script>alert(1)</script>" not in html


@pytest.mark.django_db
def test_an_unknown_artist_or_category_finds_nothing(client, storefront_catalogue):
    assert titles(client.get(BROWSE, {"artist": "nobody"})) == []
    response = client.get(BROWSE, {"category": "sculpture"})
    assert titles(response) == [] and "No works match these filters" in response.content.decode()


@pytest.mark.django_db
def test_a_category_page_lists_its_subtree_and_links_its_subcategories(client, storefront_catalogue):
    paintings = storefront_catalogue["categories"]["paintings"]
    response = client.get(paintings.get_absolute_url())
    assert response.status_code == 200
    assert set(titles(response)) == {"Harbour at Dusk", "Quiet Fjord", "Red Storm", "Sold Lighthouse"}
    watercolours = storefront_catalogue["categories"]["watercolours"]
    assert f'href="{watercolours.get_absolute_url()}"' in response.content.decode()


@pytest.mark.django_db
def test_a_category_page_filters_and_sorts_like_browse(client, storefront_catalogue):
    paintings = storefront_catalogue["categories"]["paintings"]
    response = client.get(paintings.get_absolute_url(),
                          {"available": "1", "sort": "price_desc", "artist": "mira-solberg"})
    assert titles(response) == ["Quiet Fjord", "Harbour at Dusk"]


@pytest.mark.django_db
def test_a_category_page_with_an_old_slug_redirects_and_an_unknown_one_is_404(client, storefront_catalogue):
    paintings = storefront_catalogue["categories"]["paintings"]
    response = client.get(reverse("catalogue:category", kwargs={"category_slug": "old-name", "pk": paintings.pk}))
    assert response.status_code == 301 and response["Location"] == paintings.get_absolute_url()
    missing = reverse("catalogue:category", kwargs={"category_slug": "nothing", "pk": 99999})
    assert client.get(missing).status_code == 404


@pytest.mark.django_db
def test_browse_runs_the_same_queries_for_5_or_30_works(client, site_tree, artist, vibe,
                                                      django_assert_max_num_queries):
    other = make_artist("Second Artist", vibe=vibe)

    def grow(count):
        make_artworks(artist, count, vibe=vibe, price=Decimal("80.00"))
        make_artworks(other, count, vibe=vibe)

    assert_same_queries_as_it_grows(
        client,
        [BROWSE, BROWSE + "?page_size=96&sort=price_desc", BROWSE + "?vibe=calm&available=1&min_price=10&page=2"],
        grow=grow, small=3, large=15, assert_max_num_queries=django_assert_max_num_queries, most=8,
    )


@pytest.mark.django_db
def test_card_text_from_artists_is_escaped(client, site_tree, artist):
    make_artwork(artist, title='<b onmouseover="x()">Loud</b>', with_image=False)
    html = client.get(BROWSE).content.decode()
    assert '<b onmouseover="x()">' not in html
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;Loud&lt;/b&gt;" in html


@pytest.mark.django_db
def test_featured_works_come_first_in_browse_labelled_featured(client, storefront_catalogue):
    from tests.factories.billing import make_feature

    works = storefront_catalogue["works"]
    make_feature(works["fjord"])  # live now
    make_feature(works["storm"], days=2, starts_in=-3)  # ended yesterday: no longer featured

    for params in ({}, {"sort": "price_asc"}, {"sort": "price_desc"}):
        response = client.get(BROWSE, params)
        assert titles(response)[0] == "Quiet Fjord", params
    html = response.content.decode()
    featured = html.split("Quiet Fjord")[0].rsplit('<li class="art-card', 1)[1]
    assert "is-featured" in featured and ">Featured</span>" in featured
    assert html.count(">Featured</span>") == 1  # the ended feature is not labelled


@pytest.mark.django_db
def test_browse_with_featured_works_runs_the_same_queries_for_5_or_30_works(client, site_tree, artist, vibe,
                                                                          django_assert_max_num_queries):
    from tests.factories.billing import make_feature

    def grow(count):
        for artwork in make_artworks(artist, count, vibe=vibe):
            make_feature(artwork)

    assert_same_queries_as_it_grows(client, [BROWSE, BROWSE + "?page_size=96"], grow=grow, small=3, large=30,
                                    assert_max_num_queries=django_assert_max_num_queries, most=8)


@pytest.mark.django_db
def test_browse_filters_by_style_and_by_size(client, storefront_catalogue):
    mira = storefront_catalogue["artists"]["mira"]
    make_artwork(mira, title="Small still life", style="Still life", width_cm=Decimal("24"), height_cm=Decimal("18"))
    make_artwork(mira, title="Large still life", style="Still life", width_cm=Decimal("80"), height_cm=Decimal("60"))
    page = client.get(BROWSE)
    html = page.content.decode()
    assert '<option value="still-life">Still life</option>' in html
    assert '<option value="small">Small (up to 30 cm)</option>' in html
    assert titles(client.get(BROWSE, {"style": "still-life"})) == ["Large still life", "Small still life"]
    assert titles(client.get(BROWSE, {"style": "still-life", "size": "small"})) == ["Small still life"]
    # "Harbour at Dusk" is 30 × 40.5 cm: medium by its longest side.
    assert titles(client.get(BROWSE, {"size": "medium"})) == ["Harbour at Dusk"]
