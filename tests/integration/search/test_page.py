"""The results page at /shop/search/: cards, notes, filters with counts, constant queries."""
import pytest
from django.urls import reverse

from search.services import index_queue_process
from tests.factories.catalogue import make_artwork, make_vibe


@pytest.mark.parametrize("page", ["home", "browse", "artwork", "artist", "results"])
def test_the_search_box_in_every_page_header_points_at_the_results_page(client, catalogue, page):
    path = {
        "home": "/",
        "browse": reverse("catalogue:index"),
        "artwork": catalogue["poppies"].get_absolute_url(),
        "artist": catalogue["artists"]["ana"].get_absolute_url(),
        "results": reverse("search:search"),
    }[page]
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'action="/shop/search/"' in html and 'name="q"' in html and "search/typeahead.js" in html


def test_the_results_page_shows_highlighted_cards_with_prices(client, catalogue):
    response = client.get("/shop/search/", {"q": "blue ocean watercolour"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 works" in html
    assert '<mark class="hl">Ocean</mark>' in html and "Mira Solberg" in html
    assert "$240.00" in html or "240.00" in html


def test_the_page_offers_filters_with_counts_that_keep_the_words(client, catalogue):
    html = client.get("/shop/search/", {"q": "blue"}).content.decode()

    assert "Watercolour" in html and "?q=blue&amp;medium=watercolour" in html
    assert "Include sold works (1)" in html


def test_a_corrected_search_says_so(client, catalogue):
    html = client.get("/shop/search/", {"q": "dreemy"}).content.decode()

    assert "Showing results for <strong>dreamy</strong>" in html


def test_an_empty_search_explains_what_to_type(client, catalogue):
    response = client.get("/shop/search/", {"q": "  ?? "})

    assert response.status_code == 200
    assert "Type what you are looking for" in response.content.decode()


def test_bad_filters_are_explained_with_a_400(client, catalogue):
    response = client.get("/shop/search/", {"q": "blue", "min_price": "cheap"})

    assert response.status_code == 400
    assert "min_price" in response.content.decode()


@pytest.mark.parametrize("path", ["/shop/search/", "/api/v1/search/"])
def test_a_page_of_results_costs_the_same_queries_whatever_its_size(
    client, catalogue, django_assert_max_num_queries, path
):
    for n in range(30):
        make_artwork(catalogue["artists"]["ana"], title=f"Sea study {n}", description="The sea again.",
                     vibe=make_vibe("calm"), with_image=False)
    index_queue_process()
    params = {"q": "sea", "vibe": "calm", "counts": "true"}

    with django_assert_max_num_queries(40) as small:
        assert len(_results(client.get(path, {**params, "page_size": 2}))) == 2
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        assert len(_results(client.get(path, {**params, "page_size": 30, "vibe": ""}))) == 30
    assert len(large.captured_queries) <= len(small.captured_queries)


def _results(response):
    if response["Content-Type"].startswith("application/json"):
        return response.json()["results"]
    return response.content.decode().split('<li class="art-card')[1:]
