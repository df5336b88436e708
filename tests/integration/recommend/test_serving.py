"""What buyers see: works bought by the same buyers, the output rules, cold start, reasons."""
import pytest

from recommend.serving import recommendations_for_user, similar_artworks_for
from tests.factories.catalogue import make_artist, make_artwork, make_buyer, make_vibe
from tests.factories.recommend import make_dated_order, make_edition, make_view, make_wishlist_add, withdraw

pytestmark = pytest.mark.django_db


def ids(items):
    return [item.artwork.pk for item in items]


@pytest.fixture
def co_bought(site_tree):
    """Two pairs of works, each pair bought together by two buyers."""
    works = {
        "harbour": make_edition(make_artist(), title="Harbour at Dusk", description="harbour boats evening"),
        "fjord": make_edition(make_artist(), title="Fjord Morning", description="fjord mountains sunrise"),
        "city": make_edition(make_artist(), title="City Rain", description="street umbrellas neon"),
        "tram": make_edition(make_artist(), title="Night Tram", description="tram station lights"),
    }
    for _ in range(2):
        make_dated_order(make_buyer(), works["harbour"], works["fjord"], days_ago=20)
        make_dated_order(make_buyer(), works["city"], works["tram"], days_ago=20)
    return works


def test_a_buyer_is_shown_what_other_buyers_of_their_work_bought(co_bought, train):
    buyer = make_buyer()
    make_dated_order(buyer, co_bought["harbour"], days_ago=1)
    train()

    result = recommendations_for_user(user=buyer)

    assert result.personalised
    first = result.items[0]
    assert first.artwork.pk == co_bought["fjord"].pk
    assert first.reason_kind == "bought_with"
    assert first.reason == "because you bought Harbour at Dusk"
    assert co_bought["harbour"].pk not in ids(result.items)  # never what they already bought


def test_an_artwork_page_lists_what_its_buyers_also_liked(co_bought, train):
    train()

    similar = similar_artworks_for(artwork=co_bought["harbour"])

    assert ids(similar.buyers_also_liked) == [co_bought["fjord"].pk]
    assert similar.buyers_also_liked[0].reason == "buyers of Harbour at Dusk also liked this"
    assert co_bought["harbour"].pk not in ids(similar.more_with_this_vibe)
    assert co_bought["fjord"].pk not in ids(similar.more_with_this_vibe)  # each work once per page


def test_sold_and_withdrawn_works_never_come_back(site_tree, train):
    artworks = [make_edition(make_artist(), title=f"Pair {n}", description="pair") for n in range(2)]
    original = make_artwork(make_artist(), title="Only One", description="pair", with_image=False)
    withdrawn = make_edition(make_artist(), title="Taken Down", description="pair")
    sold_later = make_edition(make_artist(), title="Sold After Training", description="pair", edition_size=2)
    for _ in range(3):
        make_dated_order(make_buyer(), *artworks, withdrawn, days_ago=10)
    make_dated_order(make_buyer(), artworks[0], original, sold_later, days_ago=9)  # the original is now sold
    buyer = make_buyer()
    make_dated_order(buyer, artworks[0], days_ago=1)
    train()
    withdraw(withdrawn)
    make_dated_order(make_buyer(), sold_later)  # the last print goes after training

    shown = ids(recommendations_for_user(user=buyer).items)
    similar = similar_artworks_for(artwork=artworks[0])
    shown_on_page = ids(similar.buyers_also_liked) + ids(similar.more_with_this_vibe)

    assert artworks[1].pk in shown and artworks[1].pk in shown_on_page
    for gone in (original, withdrawn, sold_later):
        assert gone.pk not in shown
        assert gone.pk not in shown_on_page


def test_no_more_than_three_works_by_one_artist_in_a_list_of_ten(site_tree, train):
    prolific = make_artist()
    theirs = [make_edition(prolific, description="harbour boats") for _ in range(8)]
    others = [make_edition(make_artist(), description="harbour boats") for _ in range(8)]
    for _ in range(2):
        make_dated_order(make_buyer(), *theirs, *others, days_ago=5)
    buyer = make_buyer()
    make_view(buyer, theirs[0])
    train()

    items = recommendations_for_user(user=buyer, n=10).items
    page = similar_artworks_for(artwork=theirs[0], n=10)

    assert len(items) == 10
    for listing in (items, page.buyers_also_liked, page.more_with_this_vibe):
        assert sum(item.artwork.artist_id == prolific.pk for item in listing) <= 3


def test_visitors_and_new_buyers_see_popular_works(co_bought, train, buyer):
    make_dated_order(make_buyer(), co_bought["city"], days_ago=1)  # city is now the most bought
    train()
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), buyer):
        result = recommendations_for_user(user=user, n=4)
        assert not result.personalised
        assert ids(result.items)[0] == co_bought["city"].pk
        assert {item.reason for item in result.items} == {"popular right now"}


def test_before_the_first_training_everyone_sees_the_newest_works(co_bought, buyer):
    result = recommendations_for_user(user=buyer, n=3)

    assert result.model_version is None
    assert ids(result.items) == [co_bought["tram"].pk, co_bought["city"].pk, co_bought["fjord"].pk]
    assert {item.reason for item in result.items} == {"new on Artiqo"}


def test_one_view_is_enough_for_sensible_picks(site_tree, train):
    calm, bold = make_vibe("calm"), make_vibe("bold")
    watercolours = [make_edition(make_artist(), vibe=calm, medium="watercolour", tags=["sea"],
                                 description="soft washes of a quiet sea") for _ in range(4)]
    oils = [make_edition(make_artist(), vibe=bold, medium="oil", tags=["city"],
                         description="thick strokes of a loud city") for _ in range(4)]
    newcomer = make_buyer()
    make_view(newcomer, watercolours[0])
    train()

    items = recommendations_for_user(user=newcomer, n=3).items

    assert set(ids(items)) == {w.pk for w in watercolours[1:]}
    assert {item.reason for item in items} == {"more calm watercolours"}
    assert not {o.pk for o in oils} & set(ids(items))


def test_a_work_listed_after_training_gets_more_with_its_vibe(site_tree, train):
    calm = make_vibe("calm")
    older = [make_edition(make_artist(), vibe=calm, medium="ink") for _ in range(2)]
    make_edition(make_artist(), vibe=make_vibe("bold"), medium="ink")
    train()
    newcomer = make_edition(make_artist(), vibe=calm, medium="ink", title="Fresh Ink")

    similar = similar_artworks_for(artwork=newcomer)

    assert similar.buyers_also_liked == []
    assert set(ids(similar.more_with_this_vibe)) == {w.pk for w in older}
    assert {item.reason for item in similar.more_with_this_vibe} == {"more calm ink drawings"}


def test_more_with_this_vibe_holds_only_works_of_that_vibe(site_tree, train):
    minimal, dark = make_vibe("minimal"), make_vibe("dark")
    # Same medium, tags and words: the model's content neighbours of a minimal work are these
    # dark ones as much as the other minimal ones.
    shared = {"medium": "ink", "tags": ["line"], "description": "a single line on white paper"}
    minimal_works = [make_edition(make_artist(), vibe=minimal, **shared) for _ in range(3)]
    dark_works = [make_edition(make_artist(), vibe=dark, **shared) for _ in range(6)]
    train()

    similar = similar_artworks_for(artwork=minimal_works[0])

    assert set(ids(similar.more_with_this_vibe)) == {w.pk for w in minimal_works[1:]}
    assert not {w.pk for w in dark_works} & set(ids(similar.more_with_this_vibe))


def test_the_reason_names_what_the_buyer_did(co_bought, train):
    viewer, saver = make_buyer(), make_buyer()
    make_view(viewer, co_bought["harbour"])
    make_wishlist_add(saver, co_bought["harbour"])
    train()

    assert recommendations_for_user(user=viewer).items[0].reason == "because you viewed Harbour at Dusk"
    assert recommendations_for_user(user=saver).items[0].reason == "because you saved Harbour at Dusk"


def test_more_by_an_artist_the_buyer_likes(site_tree, train):
    loved = make_artist("Mira Solberg")
    works = [make_edition(loved, description=f"word{n}") for n in range(3)]
    make_edition(make_artist(), description="other")
    buyer = make_buyer()
    make_dated_order(buyer, works[0], days_ago=2)
    train()

    items = recommendations_for_user(user=buyer, n=2).items

    assert set(ids(items)) == {works[1].pk, works[2].pk}
    assert {item.reason for item in items} == {"more by Mira Solberg"}


def test_visitors_see_featured_works_first_then_popular_ones(co_bought, train):
    from django.contrib.auth.models import AnonymousUser

    from tests.factories.billing import make_feature

    featured = make_edition(make_artist(), title="Paid Spotlight")
    make_feature(featured)
    train()

    items = recommendations_for_user(user=AnonymousUser(), n=4).items

    assert items[0].artwork.pk == featured.pk
    assert items[0].reason == "featured on Artiqo"
    assert {item.reason for item in items[1:]} == {"popular right now"}
