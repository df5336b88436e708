"""Offers on the web: the box on the artwork's page, the buyer's account page and the studio's."""
from decimal import Decimal

import pytest

from price_offers.models import OfferStatus, OfferTerms, PriceOffer
from tests.factories.catalogue import make_artwork
from tests.factories.offers import make_offer, offers_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def original(artist, vibe):
    work = make_artwork(artist, title="Fjord in October", price=Decimal("1000.00"), vibe=vibe)
    offers_on(work, floor="800.00")
    return work


def test_the_artwork_page_offers_make_an_offer_only_when_the_artist_takes_offers(client, buyer, artist, original):
    plain = make_artwork(artist, price=Decimal("500.00"))
    client.force_login(buyer)
    assert "Make an offer" in client.get(original.get_absolute_url()).content.decode()
    assert "Make an offer" not in client.get(plain.get_absolute_url()).content.decode()
    client.force_login(artist.user)
    assert "Make an offer" not in client.get(original.get_absolute_url()).content.decode()


def test_a_buyer_offers_on_the_page_and_sees_it_in_their_account(client, buyer, original):
    client.force_login(buyer)
    response = client.post(f"/shop/accounts/offers/new/{original.pk}/", {"amount": "850"})
    assert response.status_code == 302 and response["Location"] == "/shop/accounts/offers/"
    page = client.get("/shop/accounts/offers/").content.decode()
    assert "Fjord in October" in page and "Awaiting the artist" in page
    assert "You offered 850.00" in client.get(original.get_absolute_url()).content.decode()
    assert "800" not in page


def test_the_artist_counters_in_the_studio_and_the_buyer_accepts_in_their_account(client, buyer, original):
    offer = make_offer(buyer, original, "820")
    client.force_login(original.artist.user)
    assert "820.00" in client.get("/studio/offers/").content.decode()
    assert client.post(f"/studio/offers/{offer.pk}/counter/", {"amount": "950"}).status_code == 302
    client.force_login(buyer)
    assert "asks 950.00" in client.get("/shop/accounts/offers/").content.decode()
    response = client.post(f"/shop/accounts/offers/{offer.pk}/accept/")
    assert response.status_code == 302 and response["Location"].endswith("/shop/basket/")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED and offer.agreed_price == Decimal("950.00")


def test_other_artists_and_buyers_cannot_answer_and_change_nothing(client, buyer, other_buyer, other_artist,
                                                                   original):
    offer = make_offer(buyer, original, "820")
    client.force_login(other_artist.user)
    assert client.post(f"/studio/offers/{offer.pk}/accept/").status_code == 404
    assert client.post(f"/studio/offers/terms/{original.pk}/", {"accepts_offers": ""}).status_code == 404
    client.force_login(other_buyer)
    assert client.post(f"/shop/accounts/offers/{offer.pk}/accept/").status_code == 404
    client.force_login(buyer)
    assert client.get("/studio/offers/").status_code == 403
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING
    assert OfferTerms.objects.get(product=original).accepts_offers


def test_the_artist_turns_offers_on_and_off_in_the_studio(client, artist, vibe):
    work = make_artwork(artist, price=Decimal("600.00"))
    client.force_login(artist.user)
    client.post(f"/studio/offers/terms/{work.pk}/", {"accepts_offers": "on", "floor_price": "450"})
    terms = OfferTerms.objects.get(product=work)
    assert terms.accepts_offers and terms.floor_price == Decimal("450.00")
    client.post(f"/studio/offers/terms/{work.pk}/", {"floor_price": "450"})
    assert not OfferTerms.objects.get(product=work).accepts_offers
    assert not PriceOffer.objects.exists()
