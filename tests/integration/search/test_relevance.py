"""What a buyer gets back for their words: ranking, artists, typos, fallbacks, highlights."""
from datetime import timedelta

from django.db.models import Case, DateTimeField, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from search.selectors import artwork_search
from search.services import artwork_index_enqueue, index_queue_process
from tests.factories.catalogue import make_artwork

FEATURED = {}


def featured_until_for_tests():
    """A SEARCH_FEATURED_UNTIL provider: the works (and end dates) listed in FEATURED."""
    whens = [When(pk=pk, then=Value(until)) for pk, until in FEATURED.items()]
    # Cast: MySQL types a CASE over parameters as text, which the datetime converter refuses.
    return Cast(Case(*whens, default=Value(None), output_field=DateTimeField()), output_field=DateTimeField())


def titles(outcome):
    return [hit.title for hit in outcome.hits]


def test_blue_ocean_watercolour_puts_the_blue_ocean_watercolours_first(catalogue):
    outcome = artwork_search(text="blue ocean watercolour")

    assert outcome.mode == "all"
    assert set(titles(outcome)[:2]) == {"Blue Ocean", "Ocean Blues"}


def test_every_word_must_match_so_a_blue_garden_is_not_an_ocean(catalogue):
    assert "Watercolour Garden" not in titles(artwork_search(text="blue ocean watercolour"))
    assert "Watercolour Garden" in titles(artwork_search(text="blue watercolour"))


def test_a_word_in_the_title_outranks_the_same_word_in_a_description(catalogue):
    # "The Blue Door" mentions the ocean in its description only.
    ranked = titles(artwork_search(text="ocean"))

    assert ranked.index("Storm over the Ocean") < ranked.index("The Blue Door")
    assert ranked.index("Blue Ocean") < ranked.index("The Blue Door")


def test_an_artists_name_finds_their_works(catalogue):
    outcome = artwork_search(text="Tomas Lindqvist")

    assert set(titles(outcome)) == {"The Blue Door", "Storm over the Ocean", "Harbour Lights"}
    assert {hit.artist_slug for hit in outcome.hits} == {"tomas-lindqvist"}


def test_a_surname_alone_is_enough(catalogue):
    assert set(titles(artwork_search(text="solberg"))) == {"Blue Ocean", "Ocean Blues"}


def test_a_misspelt_vibe_is_corrected_and_its_works_shown(catalogue):
    outcome = artwork_search(text="dreemy")

    assert outcome.mode == "corrected"
    assert outcome.searched == "dreamy"
    assert set(titles(outcome)) == {"Ocean Blues", "Harbour Lights"}


def test_a_misspelt_word_is_corrected_to_the_closest_word_in_the_catalogue(catalogue):
    outcome = artwork_search(text="melancolic rain")

    assert outcome.mode == "corrected"
    assert outcome.searched == "melancholic rain"
    assert titles(outcome) == ["Rain on Karl Johan"]


def test_a_typo_that_finds_little_gets_a_did_you_mean(catalogue):
    # An artist's own typo makes "ocen" a real word of one listing: the buyer sees that
    # listing, and is asked whether they meant the far more common "ocean".
    make_artwork(catalogue["artists"]["ana"], title="Small Study", description="A grey ocen at noon.", with_image=False)
    index_queue_process()

    outcome = artwork_search(text="ocen")

    assert titles(outcome) == ["Small Study"]
    assert outcome.suggestion == "ocean"


def test_correctly_spelt_words_are_never_corrected(catalogue):
    outcome = artwork_search(text="poppies")

    assert outcome.mode == "all"
    assert outcome.suggestion is None
    assert titles(outcome) == ["Red Poppies"]


def test_when_no_work_has_every_word_works_with_some_of_them_are_shown(catalogue):
    outcome = artwork_search(text="ocean poppies")

    assert outcome.mode == "any"
    assert {"Red Poppies", "Blue Ocean"} <= set(titles(outcome))


def test_words_nobody_used_give_an_empty_answer(catalogue):
    outcome = artwork_search(text="xylophone zeppelin")

    assert outcome.total == 0 and outcome.hits == []


def test_matched_words_are_highlighted_and_the_rest_escaped(catalogue):
    hit = artwork_search(text="blue oceans").hits[0]

    assert "<mark" in hit.title_html and "<mark" in hit.summary_html
    assert "</mark>" in hit.title_html


def test_a_result_card_carries_everything_it_shows(catalogue):
    hit = next(h for h in artwork_search(text="poppies").hits)

    assert (hit.artist_name, hit.vibe_name, hit.medium_label) == ("Ana Reyes", "Vibrant", "Acrylic")
    assert str(hit.price) == "60.00" and hit.currency
    assert hit.url.endswith(f"_{hit.id}/") and hit.artist_url == "/artists/ana-reyes/"
    assert hit.is_available is True


def test_featured_works_rank_higher_until_their_feature_ends(catalogue, settings):
    assert titles(artwork_search(text="ocean"))[-1] == "The Blue Door"
    settings.SEARCH_FEATURED_UNTIL = f"{__name__}.featured_until_for_tests"
    storm, door = catalogue["ocean_storm"], catalogue["blue_door"]
    FEATURED.clear()
    FEATURED[door.pk] = timezone.now() + timedelta(days=3)
    FEATURED[storm.pk] = timezone.now() - timedelta(days=1)  # expired
    try:
        artwork_index_enqueue(product_ids=[door.pk, storm.pk])
        index_queue_process()
        outcome = artwork_search(text="ocean")
    finally:
        FEATURED.clear()

    ranked = titles(outcome)
    # Unfeatured, the door (ocean only in its description) ranks last; featured, it
    # climbs above a title match whose feature has ended.
    assert ranked.index("The Blue Door") < ranked.index("Storm over the Ocean")
    featured = {hit.title: hit.is_featured for hit in outcome.hits}
    assert featured["The Blue Door"] is True and featured["Storm over the Ocean"] is False
