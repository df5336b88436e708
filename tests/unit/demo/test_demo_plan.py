"""The demo plan (no database): a seed always gives the same shop, and the shop reads like one."""
from decimal import Decimal

from demo.plan import (
    ARTIST_LOGIN,
    BUYER_LOGIN,
    LISTING_DAYS,
    artist_specs,
    artwork_specs,
    buyer_specs,
    seed_of_demo_key,
)
from demo.vocabulary import MEDIA_BY_NAME, VIBES_BY_SLUG
from storefront.catalogue.models import Medium
from tests.factories.demo import ANCHOR


def _shop(seed: int, artworks: int = 60):
    artists = artist_specs(seed=seed, count=8, anchor=ANCHOR)
    return (artists, artwork_specs(seed=seed, count=artworks, artists=artists, anchor=ANCHOR),
            buyer_specs(seed=seed, count=30, artists=artists, anchor=ANCHOR))


def test_the_same_seed_plans_the_same_shop():
    assert _shop(7) == _shop(7)


def test_another_seed_plans_another_shop():
    first, second = _shop(7), _shop(8)
    assert [a.title for a in first[1]] != [a.title for a in second[1]]
    assert [a.name for a in first[0]] != [a.name for a in second[0]]


def test_an_artwork_is_the_same_however_many_are_built():
    small, large = _shop(7, artworks=10)[1], _shop(7, artworks=60)[1]
    assert large[:10] == small


def test_the_first_artist_and_buyer_are_the_demo_logins():
    artists, _, buyers = _shop(7)
    assert artists[0].username == ARTIST_LOGIN[0]
    assert buyers[0].username == BUYER_LOGIN[0]
    assert len({a.name for a in artists}) == len(artists)
    assert len({b.username for b in buyers}) == len(buyers)


def test_artworks_carry_a_seed_marked_key():
    _, artworks, _ = _shop(7)
    assert {seed_of_demo_key(a.upc) for a in artworks} == {7}
    assert seed_of_demo_key("9780306406157") is None


def test_every_artist_has_work_mostly_in_their_signature_vibe_and_media():
    artists, artworks, _ = _shop(7, artworks=300)
    for artist in artists:
        own = [a for a in artworks if a.artist_index == artist.index]
        assert own, artist.name
        assert {a.medium for a in own} <= set(artist.media)
    signature = sum(a.vibe == artists[a.artist_index].vibes[0] for a in artworks)
    assert signature >= 0.5 * len(artworks)


def test_prices_are_decimal_and_fit_the_kind_of_work():
    _, artworks, _ = _shop(7, artworks=300)
    for artwork in artworks:
        assert isinstance(artwork.price, Decimal) and artwork.price == artwork.price.quantize(Decimal("0.01"))
        assert Decimal("25") <= artwork.price <= Decimal("20000")
    originals = [a.price for a in artworks
                 if a.kind == "original" and MEDIA_BY_NAME[a.medium].category.startswith("Paint")]
    editions = [a.price for a in artworks if a.kind == "edition"]
    assert sum(originals) / len(originals) > 2 * sum(editions) / len(editions)


def test_originals_are_one_of_a_kind_and_editions_have_a_size():
    _, artworks, _ = _shop(7, artworks=300)
    assert {a.stock for a in artworks if a.kind == "original"} == {1}
    assert all(a.edition_size and a.stock == a.edition_size for a in artworks if a.kind == "edition")
    assert {a.kind for a in artworks} == {"original", "edition"}


def test_artworks_read_like_listings():
    _, artworks, _ = _shop(7)
    for artwork in artworks:
        assert artwork.title and artwork.title[0].isupper()
        assert artwork.description.count(".") >= 4
        assert artwork.medium in Medium.values and artwork.vibe in VIBES_BY_SLUG
        assert artwork.width_cm > 0 and artwork.height_cm > 0
        assert artwork.year <= artwork.listed_at.year
        assert 0 < (ANCHOR - artwork.listed_at).days <= LISTING_DAYS
        assert 2 <= len(artwork.tags) <= 5 and artwork.categories


def test_portraits_stand_up_and_landscapes_lie_down():
    _, artworks, _ = _shop(7, artworks=300)
    assert all(a.height_cm >= a.width_cm for a in artworks if a.subject == "portrait")
    assert all(a.width_cm >= a.height_cm for a in artworks if a.subject == "landscape")


def test_buyers_follow_artists_of_the_vibes_they_like():
    artists, _, buyers = _shop(7)
    coherent = sum(any(set(artists[i].vibes) & set(buyer.vibes) for i in buyer.artists) for buyer in buyers)
    assert coherent >= 0.9 * len(buyers)
    assert all(buyer.budget > 0 and buyer.address.postcode for buyer in buyers)


def test_buyers_never_get_an_artists_username():
    artists = artist_specs(seed=7, count=60, anchor=ANCHOR)
    buyers = buyer_specs(seed=7, count=600, artists=artists, anchor=ANCHOR)
    assert not {a.username for a in artists} & {b.username for b in buyers}
    assert len({b.username for b in buyers}) == len(buyers)
