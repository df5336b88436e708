"""Filters and sorting combine with the words; counts per filter value come from the index."""
from decimal import Decimal

import pytest

from search.selectors import SearchFilters, artwork_search, search_filter_counts
from search.services import index_queue_process
from tests.factories.search import make_category


def titles(outcome):
    return [hit.title for hit in outcome.hits]


def test_a_vibe_filter_narrows_the_words(catalogue):
    outcome = artwork_search(text="ocean", filters=SearchFilters(vibe="bold"))

    assert set(titles(outcome)) == {"Storm over the Ocean", "The Blue Door"}


def test_medium_and_price_range_combine_with_the_words(catalogue):
    outcome = artwork_search(
        text="blue", filters=SearchFilters(medium="watercolour", min_price=Decimal("150"), max_price=Decimal("240"))
    )

    assert set(titles(outcome)) == {"Blue Ocean", "Ocean Blues"}


def test_an_artist_filter_takes_a_slug_or_an_id(catalogue):
    tomas = catalogue["artists"]["tomas"]

    by_slug = artwork_search(text="ocean", filters=SearchFilters(artist=tomas.slug))
    by_id = artwork_search(text="ocean", filters=SearchFilters(artist=str(tomas.pk)))

    assert set(titles(by_slug)) == set(titles(by_id)) == {"Storm over the Ocean", "The Blue Door"}


def test_a_parent_category_finds_works_filed_under_its_children(catalogue):
    paintings = make_category("Paintings")
    watercolours = make_category("Watercolours", parent=paintings)
    catalogue["garden"].categories.add(watercolours)
    index_queue_process()

    assert titles(artwork_search(text="blue", filters=SearchFilters(category=paintings.slug))) == ["Watercolour Garden"]
    assert titles(artwork_search(text="blue", filters=SearchFilters(category=str(watercolours.pk)))) == [
        "Watercolour Garden"]


def test_a_filter_naming_nothing_that_exists_matches_nothing(catalogue):
    outcome = artwork_search(text="ocean", filters=SearchFilters(vibe="no-such-vibe"))

    assert outcome.total == 0 and outcome.hits == []


def test_sold_works_are_hidden_unless_the_buyer_asks_for_them(catalogue):
    default = artwork_search(text="blue ocean")
    everything = artwork_search(text="blue ocean", filters=SearchFilters(available_only=False))

    assert "Blue Ocean Study" not in titles(default)
    sold = next(hit for hit in everything.hits if hit.title == "Blue Ocean Study")
    assert sold.is_available is False


def test_results_sort_by_price_either_way_and_by_newest(catalogue):
    cheapest_first = titles(artwork_search(text="ocean", sort="price"))
    dearest_first = titles(artwork_search(text="ocean", sort="-price"))
    newest_first = titles(artwork_search(text="ocean", sort="newest"))

    assert cheapest_first == ["Ocean Blues", "Blue Ocean", "The Blue Door", "Storm over the Ocean"]
    assert dearest_first == list(reversed(cheapest_first))
    assert newest_first == ["Storm over the Ocean", "The Blue Door", "Ocean Blues", "Blue Ocean"]


def test_pages_split_the_results_without_overlap(catalogue):
    first = artwork_search(text="ocean", page=1, page_size=2)
    second = artwork_search(text="ocean", page=2, page_size=2)

    assert first.total == second.total == 4 and first.num_pages == 2
    assert not set(titles(first)) & set(titles(second))
    assert first.has_next and not second.has_next


def test_filter_counts_cover_the_works_the_words_match(catalogue):
    counts = search_filter_counts(text="blue")

    assert {c.value: c.count for c in counts.vibes} == {"calm": 2, "dreamy": 1, "bold": 1}
    assert {c.value: c.count for c in counts.media} == {"watercolour": 3, "oil": 1}
    assert (counts.available, counts.sold) == (4, 1)
    assert counts.scope == "matches"


def test_a_dimensions_counts_ignore_its_own_filter_but_honour_the_others(catalogue):
    counts = search_filter_counts(text="blue", filters=SearchFilters(vibe="calm", medium="watercolour"))

    # Other vibes stay visible (to switch to), counted among watercolours only.
    assert {c.value: c.count for c in counts.vibes} == {"calm": 2, "dreamy": 1}
    # Media are counted among calm works only.
    assert {c.value: c.count for c in counts.media} == {"watercolour": 2}


def test_words_that_match_nothing_count_nothing(catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        counts = search_filter_counts(text="xylophone")

    assert (counts.vibes, counts.media, counts.artists, counts.categories) == ([], [], [], [])
    assert (counts.available, counts.sold, counts.scope) == (0, 0, "matches")


@pytest.fixture
def styled(site_tree):
    """Harbour works of two styles and three sizes (by the longest side)."""
    from tests.factories.catalogue import make_artist, make_artwork, make_vibe

    mira, calm = make_artist("Mira Solberg"), make_vibe("calm")
    specs = [("Small harbour still life", "Still life", 20, 30), ("Harbour still life", "Still life", 50, 40),
             ("Harbour view", "Seascape", 45, 60.5), ("Great harbour", "Seascape", 120, 80)]
    works = {title: make_artwork(mira, title=title, vibe=calm, style=style, width_cm=Decimal(str(w)),
                                 height_cm=Decimal(str(h)), description="the harbour", with_image=False)
             for title, style, w, h in specs}
    index_queue_process()
    return works


def test_style_and_size_filters_narrow_the_words(styled):
    assert set(titles(artwork_search(text="harbour", filters=SearchFilters(style="still-life")))) == {
        "Small harbour still life", "Harbour still life"}
    assert titles(artwork_search(text="harbour", filters=SearchFilters(size="small"))) == ["Small harbour still life"]
    assert titles(artwork_search(text="harbour", filters=SearchFilters(style="seascape", size="large"))) == [
        "Harbour view"]
    assert artwork_search(text="harbour", filters=SearchFilters(style="no-such-style")).total == 0


def test_style_and_size_counts_follow_the_other_filters(styled):
    counts = search_filter_counts(text="harbour", filters=SearchFilters(style="seascape"))

    assert [(c.value, c.label, c.count) for c in counts.styles] == [("seascape", "Seascape", 2),
                                                                    ("still-life", "Still life", 2)]
    # Sizes of the seascapes only, smallest band first.
    assert [(c.value, c.count) for c in counts.sizes] == [("large", 1), ("xlarge", 1)]
    assert counts.sizes[0].label == "Large (60–100 cm)"


def test_counts_from_the_index_equal_the_counts_from_the_database_for_every_filter(catalogue):
    from search.selectors import _database_filter_counts, _filter_counts

    paintings = make_category("Paintings")
    watercolours = make_category("Watercolours", parent=paintings)
    catalogue["garden"].categories.add(watercolours)
    catalogue["garden"].categories.add(paintings)
    tomas = catalogue["artists"]["tomas"]
    index_queue_process()
    cases = [
        SearchFilters(),
        SearchFilters(available_only=False),
        SearchFilters(vibe="calm", medium="watercolour"),
        SearchFilters(artist=tomas.slug, available_only=False),
        SearchFilters(artist=str(tomas.pk), min_price=Decimal("150")),
        SearchFilters(min_price=Decimal("150"), max_price=Decimal("240")),
        SearchFilters(category=paintings.slug),
        SearchFilters(category=str(watercolours.pk), medium="oil"),
        SearchFilters(vibe="no-such-vibe"),
        SearchFilters(style="still-life", size="large"),
    ]
    for text in ("blue", "ocean", "blue ocean"):
        for filters in cases:
            assert _filter_counts(text=text, filters=filters) == _database_filter_counts(text=text, filters=filters), (
                text, filters)


@pytest.fixture
def shapes(site_tree):
    """Harbour works of three shapes, and one without dimensions."""
    from tests.factories.catalogue import make_artist, make_artwork

    mira = make_artist("Mira Solberg")
    specs = [("Tall harbour", 40, 100), ("Wide harbour", 150, 60), ("Square harbour", 60, 58), ("Unmeasured harbour",
                                                                                                 None, None)]
    works = {title: make_artwork(mira, title=title, description="the harbour", with_image=False,
                                 width_cm=Decimal(str(w)) if w else None, height_cm=Decimal(str(h)) if h else None)
             for title, w, h in specs}
    index_queue_process()
    return works


def test_search_keeps_works_that_fit_the_wall_space(shapes):
    def fitting(**wall):
        return set(titles(artwork_search(text="harbour", filters=SearchFilters(**wall))))

    assert fitting(wall_width=Decimal("100"), wall_height=Decimal("120")) == {"Tall harbour", "Square harbour"}
    assert fitting(wall_width=Decimal("200"), wall_height=Decimal("70")) == {"Wide harbour", "Square harbour"}
    assert fitting(wall_width=Decimal("50")) == {"Tall harbour"}
    assert len(fitting()) == 4


def test_search_filters_by_orientation_with_near_square_as_square(shapes):
    def shaped(orientation):
        return titles(artwork_search(text="harbour", filters=SearchFilters(orientation=orientation)))

    assert (shaped("portrait"), shaped("landscape"), shaped("square")) == (
        ["Tall harbour"], ["Wide harbour"], ["Square harbour"])


def test_filter_counts_honour_the_wall_and_the_shape(shapes):
    from search.selectors import _database_filter_counts

    for filters in (SearchFilters(wall_width=Decimal("100"), wall_height=Decimal("120")),
                    SearchFilters(orientation="landscape"), SearchFilters(wall_height=Decimal("70"))):
        counts = search_filter_counts(text="harbour", filters=filters)
        assert counts == _database_filter_counts(text="harbour", filters=filters)
    assert search_filter_counts(text="harbour", filters=SearchFilters(orientation="landscape")).available == 1


def test_the_search_api_and_page_take_the_wall_and_the_shape(client, shapes):
    body = client.get("/api/v1/search/", {"q": "harbour", "wall_width": 100, "wall_height": 120,
                                          "orientation": "portrait"}).json()
    assert [work["title"] for work in body["results"]] == ["Tall harbour"]
    bad = client.get("/api/v1/search/", {"q": "harbour", "wall_width": "-3", "orientation": "round"})
    assert bad.status_code == 400 and {"wall_width", "orientation"} <= set(bad.json()["error"]["fields"])
    html = client.get("/shop/search/", {"q": "harbour", "wall_width": 50}).content.decode()
    assert "Tall harbour" in html and "Wide harbour" not in html and "Square harbour" not in html
    assert 'name="wall_width"' in html and 'value="50"' in html and 'name="orientation"' in html
