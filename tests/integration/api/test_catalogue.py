"""Catalogue endpoints: the artwork list with its filters, one artwork, artists with their art."""
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from artiqo.core.cache import cache_version_bump
from storefront.catalogue.models import ArtworkKind
from tests.factories.catalogue import make_artist, make_artwork, make_vibe

Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db

LIST = "/api/v1/products/products"


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [card["title"] for card in response.json()["results"]]


@pytest.fixture
def gallery(artist, other_artist, vibe):
    """Four public works of two artists, one sold, one hidden, in two vibes and a category."""
    bold = make_vibe("bold")
    paintings = Category.add_root(name="Paintings", slug="paintings")
    seascapes = paintings.add_child(name="Seascapes", slug="seascapes")
    works = {
        "harbour": make_artwork(artist, title="Harbour", price=Decimal("120.00"), vibe=vibe, medium="watercolour",
                                categories=[seascapes], width_cm=Decimal("40"), height_cm=Decimal("30")),
        "storm": make_artwork(artist, title="Storm", price=Decimal("900.00"), vibe=bold, medium="oil"),
        "prints": make_artwork(other_artist, title="Prints", price=Decimal("45.50"), vibe=vibe, medium="ink",
                               kind=ArtworkKind.EDITION, edition_size=20),
        "sold": make_artwork(other_artist, title="Sold", price=Decimal("300.00"), vibe=bold, medium="oil"),
        "hidden": make_artwork(artist, title="Hidden", price=Decimal("10.00"), is_public=False),
    }
    StockRecord.objects.filter(product=works["sold"]).update(num_allocated=1)
    return works


def test_the_list_shows_public_artworks_newest_first_with_card_fields(api_client, gallery, artist):
    response = api_client.get(LIST)
    assert _titles(response) == ["Sold", "Prints", "Storm", "Harbour"]
    harbour = response.json()["results"][-1]
    assert harbour["artist"] == {"id": artist.pk, "name": artist.name, "slug": artist.slug}
    assert harbour["vibe"] == {"slug": "calm", "name": "Calm"}
    assert harbour["price"] == "120.00" and harbour["currency"] == "USD"
    assert harbour["availability"] == {"is_available": True, "num_available": 1}
    assert harbour["dimensions"]["width_cm"] == "40.0" and harbour["dimensions"]["height_cm"] == "30.0"
    assert harbour["dimensions"]["label"].endswith(" cm") and "×" in harbour["dimensions"]["label"]
    assert harbour["images"][0]["thumbnail"].startswith("http://testserver/media/")
    assert harbour["url"].startswith("http://testserver/shop/catalogue/")
    assert harbour["api_url"] == f"http://testserver/api/v1/products/{gallery['harbour'].pk}"


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"vibe": "bold"}, ["Sold", "Storm"]),
        ({"medium": "oil"}, ["Sold", "Storm"]),
        ({"min_price": "100", "max_price": "500"}, ["Sold", "Harbour"]),
        ({"available": "true"}, ["Prints", "Storm", "Harbour"]),
        ({"available": "false"}, ["Sold"]),
        ({"category": "paintings"}, ["Harbour"]),
        ({"ordering": "price"}, ["Prints", "Harbour", "Sold", "Storm"]),
        ({"ordering": "-price"}, ["Storm", "Sold", "Harbour", "Prints"]),
        ({"vibe": "", "medium": ""}, ["Sold", "Prints", "Storm", "Harbour"]),
        ({"category": "no-such-category"}, []),
    ],
)
def test_the_list_filters_and_sorts(api_client, gallery, params, titles):
    assert _titles(api_client.get(LIST, params)) == titles


def test_the_list_filters_by_artist_id_or_slug(api_client, gallery, other_artist):
    assert _titles(api_client.get(LIST, {"artist": other_artist.pk})) == ["Sold", "Prints"]
    assert _titles(api_client.get(LIST, {"artist": other_artist.slug})) == ["Sold", "Prints"]


def test_the_category_filter_takes_an_id_too(api_client, gallery):
    seascapes = Category.objects.get(slug="seascapes")
    assert _titles(api_client.get(LIST, {"category": seascapes.pk})) == ["Harbour"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"min_price": "cheap"}, "min_price"),
        ({"min_price": "-1"}, "min_price"),
        ({"max_price": "NaN"}, "max_price"),
        ({"min_price": "500", "max_price": "100"}, "max_price"),
        ({"available": "maybe"}, "available"),
        ({"ordering": "popular"}, "ordering"),
        ({"medium": "clay"}, "medium"),
        ({"vibe": "not a slug!"}, "vibe"),
        ({"artist": "9" * 40}, "artist"),
        ({"category": "../etc"}, "category"),
    ],
)
def test_a_bad_filter_value_is_400_naming_the_field(api_client, gallery, params, field):
    response = api_client.get(LIST, params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_the_list_is_paginated_with_page_size_up_to_100(api_client, gallery):
    first = api_client.get(LIST, {"page_size": 3}).json()
    assert first["count"] == 4 and len(first["results"]) == 3 and first["next"]
    second = api_client.get(LIST, {"page_size": 3, "page": 2}).json()
    assert len(second["results"]) == 1 and second["previous"]
    assert len(api_client.get(LIST, {"page_size": 1000}).json()["results"]) == 4
    assert api_client.get(LIST, {"page": 3, "page_size": 3}).status_code == 404


def test_the_list_runs_the_same_queries_whatever_the_page_size(api_client, artist, django_assert_max_num_queries):
    for n in range(25):
        make_artwork(artist, title=f"Work {n}")
    # The count, the featured works' ids, the page's other ids, its rows and their images
    # (each list read afresh: the catalogue's cache is cold after a change).
    with django_assert_max_num_queries(5) as big:
        assert len(api_client.get(LIST, {"page_size": 100}).json()["results"]) == 25
    cache_version_bump()
    with django_assert_max_num_queries(5) as small:
        api_client.get(LIST, {"page_size": 2})
    assert len(big.captured_queries) == len(small.captured_queries)
    # Asked again before anything changes, the page comes from the cache.
    with django_assert_max_num_queries(0):
        api_client.get(LIST, {"page_size": 2})


def test_one_artwork_in_full(api_client, gallery):
    harbour = gallery["harbour"]
    harbour.tags.set(["sea", "evening"])
    response = api_client.get(f"/api/v1/products/{harbour.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Harbour" and body["tags"] == ["evening", "sea"]
    assert body["categories"] == [{"id": Category.objects.get(slug="seascapes").pk, "name": "Seascapes",
                                   "slug": "seascapes"}]
    assert body["kind"] == "original" and body["edition_size"] is None and body["price"] == "120.00"


def test_an_unknown_or_hidden_artwork_is_404(api_client, gallery):
    assert api_client.get("/api/v1/products/999999").status_code == 404
    hidden = api_client.get(f"/api/v1/products/{gallery['hidden'].pk}")
    assert hidden.status_code == 404
    assert hidden.json()["error"]["code"] == "not_found"


def test_a_huge_or_non_numeric_artwork_id_is_a_json_404(api_client):
    for path in ("/api/v1/products/" + "9" * 40, "/api/v1/products/abc"):
        response = api_client.get(path)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_artists_are_listed_by_name_with_how_much_they_have_for_sale(api_client, gallery, artist, other_artist):
    response = api_client.get("/api/v1/artists/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["name"] for row in rows] == ["Mira Solberg", "Tomas Lindqvist"]
    assert rows[0]["available_artwork_count"] == 2 and rows[0]["location"] == "Bergen"
    assert rows[0]["url"] == f"http://testserver/artists/{artist.slug}/"


def test_an_artist_comes_with_their_artworks(api_client, gallery, other_artist):
    response = api_client.get(f"/api/v1/artists/{other_artist.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Tomas Lindqvist"
    assert [work["title"] for work in body["artworks"]] == ["Sold", "Prints"]
    assert body["artworks"][0]["availability"]["is_available"] is False
    assert body["artworks_url"] == f"http://testserver/api/v1/products/products?artist={other_artist.pk}"


def test_an_unknown_artist_is_404(api_client, site_tree):
    assert api_client.get("/api/v1/artists/424242").status_code == 404


def test_the_artist_list_and_detail_run_constant_queries(api_client, site_tree, django_assert_max_num_queries):
    artists = [make_artist() for _ in range(6)]
    for artist in artists:
        make_artwork(artist)
    with django_assert_max_num_queries(2):
        assert len(api_client.get("/api/v1/artists/", {"page_size": 100}).json()["results"]) == 6
    for n in range(10):
        make_artwork(artists[0], title=f"More {n}")
    with django_assert_max_num_queries(3):
        assert len(api_client.get(f"/api/v1/artists/{artists[0].pk}").json()["artworks"]) == 11


def test_featured_works_come_first_in_the_list_and_say_so(api_client, gallery):
    from tests.factories.billing import make_feature

    make_feature(gallery["harbour"])
    make_feature(gallery["storm"], days=1, starts_in=-2)  # ended: back in plain order

    response = api_client.get(LIST)
    assert _titles(response) == ["Harbour", "Sold", "Prints", "Storm"]
    assert [card["is_featured"] for card in response.json()["results"]] == [True, False, False, False]
    assert _titles(api_client.get(LIST, {"ordering": "-price"})) == ["Harbour", "Storm", "Sold", "Prints"]
    assert _titles(api_client.get(LIST, {"featured_first": "false"})) == ["Sold", "Prints", "Storm", "Harbour"]
    assert api_client.get(LIST, {"featured_first": "maybe"}).status_code == 400


def test_the_list_with_featured_works_runs_the_same_queries_whatever_the_page_size(
        api_client, artist, django_assert_max_num_queries):
    from tests.factories.billing import make_feature

    for n in range(25):
        artwork = make_artwork(artist, title=f"Work {n}")
        if n % 2:
            make_feature(artwork)
    with django_assert_max_num_queries(5) as big:
        results = api_client.get(LIST, {"page_size": 100}).json()["results"]
    assert [card["is_featured"] for card in results] == [True] * 12 + [False] * 13
    for params in ({"page_size": 2}, {"page_size": 10, "page": 2}, {"page_size": 5, "page": 5}):
        cache_version_bump()  # each page read afresh, as after a change
        with django_assert_max_num_queries(5) as small:
            response = api_client.get(LIST, params)
        assert len(big.captured_queries) == len(small.captured_queries), params
    # Page 2 of 10 straddles the featured works and the rest; page 5 of 5 holds only the rest.
    assert [card["is_featured"] for card in response.json()["results"]] == [False] * 5
    middle = api_client.get(LIST, {"page_size": 10, "page": 2}).json()["results"]
    assert [card["is_featured"] for card in middle] == [True, True] + [False] * 8
    titles = [card["title"] for page in (1, 2, 3) for card in
              api_client.get(LIST, {"page_size": 10, "page": page}).json()["results"]]
    assert len(titles) == len(set(titles)) == 25  # every work once across the pages


def test_the_list_filters_by_style_and_by_size_band(api_client, artist, vibe):
    make_artwork(artist, title="Small still life", style="Still life", width_cm=Decimal("24"), height_cm=Decimal("30"))
    make_artwork(artist, title="Big still life", style="Still life", width_cm=Decimal("90"), height_cm=Decimal("70"))
    make_artwork(artist, title="Small sea", style="Seascape", width_cm=Decimal("20"), height_cm=Decimal("20"))
    make_artwork(artist, title="Unmeasured", style="Still life")
    assert set(_titles(api_client.get(LIST, {"style": "still-life"}))) == {"Small still life", "Big still life",
                                                                            "Unmeasured"}
    assert set(_titles(api_client.get(LIST, {"size": "small"}))) == {"Small still life", "Small sea"}
    cards = api_client.get(LIST, {"style": "still-life", "size": "large"}).json()["results"]
    assert [(c["title"], c["style_key"], c["dimensions"]["size"]) for c in cards] == [
        ("Big still life", "still-life", "large")]
    refused = api_client.get(LIST, {"size": "huge"})
    assert refused.status_code == 400 and "size" in refused.json()["error"]["fields"]
