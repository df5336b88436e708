"""Make an offer through the API: the buyer offers, the artist accepts, counters or declines; the cart follows."""
import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from artiqo.outbox.models import OutboxMessage
from price_offers.models import OfferStatus, PriceOffer
from tests.factories.api import client_for
from tests.factories.catalogue import make_artwork
from tests.factories.offers import make_offer, offers_on
from tests.factories.recommend import make_edition
from tests.factories.studio import make_paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def original(artist, vibe):
    work = make_artwork(artist, title="Fjord in October", price=Decimal("1000.00"), vibe=vibe)
    offers_on(work, floor="800.00")
    return work


def _mails_to(user) -> list[str]:
    return [m.subject for m in OutboxMessage.objects.filter(to_users=user).order_by("pk")]


def _cart_line(user, artwork) -> dict:
    cart = client_for(user).get(f"/api/v1/cart/{user.pk}").json()
    return next(line for line in cart["lines"] if line["product_id"] == artwork.pk)


def test_a_buyer_offers_and_the_artist_is_mailed(buyer, original):
    response = client_for(buyer).post("/api/v1/offers", {"product_id": original.pk, "amount": "850.00",
                                                        "message": "Would love it for our hall."}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending" and body["amount"] == "850.00" and "floor_price" not in str(body)
    assert _mails_to(original.artist.user) == ["New offer on “Fjord in October”"]


def test_an_offer_below_the_floor_is_refused_without_telling_the_floor(buyer, original):
    response = client_for(buyer).post("/api/v1/offers", {"product_id": original.pk, "amount": "799.99"},
                                      format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["amount"] == ["Too low for this artist: offer a little more."]
    assert "800" not in response.content.decode()
    assert not PriceOffer.objects.exists()


def test_works_that_take_no_offers_refuse_them(buyer, artist, vibe):
    plain = make_artwork(artist, price=Decimal("500.00"))
    edition = make_edition(artist)
    for work in (plain, edition):
        response = client_for(buyer).post("/api/v1/offers", {"product_id": work.pk, "amount": "450"}, format="json")
        assert response.status_code == 409, response.content
        assert response.json()["error"]["code"] == "offers_not_accepted"


def test_one_open_offer_per_buyer_and_work(buyer, other_buyer, original):
    client = client_for(buyer)
    assert client.post("/api/v1/offers", {"product_id": original.pk, "amount": "850"}, format="json").status_code == 201
    second = client.post("/api/v1/offers", {"product_id": original.pk, "amount": "900"}, format="json")
    assert second.status_code == 409 and second.json()["error"]["code"] == "offer_open"
    # Another buyer may offer on the same work.
    assert client_for(other_buyer).post("/api/v1/offers", {"product_id": original.pk, "amount": "820"},
                                        format="json").status_code == 201


def test_the_artist_accepts_and_the_work_waits_in_the_buyers_cart_at_that_price(buyer, original):
    offer = make_offer(buyer, original, "850.00")
    response = client_for(original.artist.user).post(f"/api/v1/offers/{offer.pk}/accept")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "accepted" and response.json()["agreed_price"] == "850.00"
    line = _cart_line(buyer, original)
    assert Decimal(line["unit_price"]) == Decimal("850.00") and line["warning"] == ""
    assert "Your offer on “Fjord in October” is accepted" in _mails_to(buyer)
    # The agreed price is the buyer's alone, and only for 24 hours.
    PriceOffer.objects.filter(pk=offer.pk).update(hold_until=timezone.now() - datetime.timedelta(seconds=1))
    assert Decimal(_cart_line(buyer, original)["unit_price"]) == Decimal("1000.00")


def test_the_artist_counters_and_the_buyer_accepts_the_counter(buyer, original):
    offer = make_offer(buyer, original, "820.00")
    artist_client, buyer_client = client_for(original.artist.user), client_for(buyer)
    too_low = artist_client.post(f"/api/v1/offers/{offer.pk}/counter", {"amount": "800"}, format="json")
    assert too_low.status_code == 400
    countered = artist_client.post(f"/api/v1/offers/{offer.pk}/counter", {"amount": "940"}, format="json")
    assert countered.status_code == 200 and countered.json()["status"] == "countered"
    assert "Mira Solberg made you a counter-offer" in _mails_to(buyer)
    accepted = buyer_client.post(f"/api/v1/offers/{offer.pk}/accept")
    assert accepted.status_code == 200 and accepted.json()["agreed_price"] == "940.00"
    assert Decimal(_cart_line(buyer, original)["unit_price"]) == Decimal("940.00")
    assert any("accepted your counter-offer" in s for s in _mails_to(original.artist.user))


def test_the_artist_declines_and_the_buyer_may_offer_again(buyer, original):
    offer = make_offer(buyer, original, "820.00")
    response = client_for(original.artist.user).post(f"/api/v1/offers/{offer.pk}/decline")
    assert response.status_code == 200 and response.json()["status"] == "declined"
    assert "Your offer on “Fjord in October” was declined" in _mails_to(buyer)
    again = client_for(buyer).post("/api/v1/offers", {"product_id": original.pk, "amount": "880"}, format="json")
    assert again.status_code == 201


def test_wrong_users_change_nothing(buyer, other_buyer, other_artist, original, api_client):
    offer = make_offer(buyer, original, "850.00")
    for user, expected in ((other_buyer, 404), (other_artist.user, 404), (buyer, 403)):
        client = client_for(user)
        assert client.get(f"/api/v1/offers/{offer.pk}").status_code == (200 if user == buyer else 404)
        assert client.post(f"/api/v1/offers/{offer.pk}/counter", {"amount": "950"},
                           format="json").status_code == expected
        # The buyer accepting or declining their own pending offer is answering the wrong side: 409.
        assert client.post(f"/api/v1/offers/{offer.pk}/accept").status_code == (409 if user == buyer else 404)
        assert client.post(f"/api/v1/offers/{offer.pk}/decline").status_code == (409 if user == buyer else 404)
    for method, path in (("get", "/api/v1/offers"), ("post", "/api/v1/offers"),
                         ("get", f"/api/v1/offers/{offer.pk}"), ("post", f"/api/v1/offers/{offer.pk}/accept")):
        assert getattr(api_client, method)(path).status_code == 401
    assert client_for(original.artist.user).post(
        "/api/v1/offers", {"product_id": original.pk, "amount": "850"}, format="json").status_code == 403
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING and offer.counter_amount is None
    assert client_for(other_buyer).get("/api/v1/offers").json()["count"] == 0
    assert client_for(buyer).get("/api/v1/offers").json()["count"] == 1
    assert client_for(original.artist.user).get("/api/v1/offers?role=artist").json()["count"] == 1
    assert client_for(buyer).get("/api/v1/offers/999999").status_code == 404


def test_an_unanswered_offer_expires_after_72_hours_on_read_and_by_the_command(buyer, other_buyer, original):
    first, second = make_offer(buyer, original, "850"), make_offer(other_buyer, original, "860")
    late = timezone.now() - datetime.timedelta(seconds=1)
    PriceOffer.objects.filter(pk__in=[first.pk, second.pk]).update(respond_by=late)
    assert client_for(buyer).get(f"/api/v1/offers/{first.pk}").json()["status"] == "expired"
    answer = client_for(original.artist.user).post(f"/api/v1/offers/{second.pk}/accept")
    assert answer.status_code == 409
    call_command("expire_offers")
    assert set(PriceOffer.objects.values_list("status", flat=True)) == {"expired"}
    assert any("expired" in s for s in _mails_to(other_buyer))


def test_a_work_sold_meanwhile_closes_its_offers(buyer, other_buyer, original):
    offer = make_offer(buyer, original, "850")
    make_paid_order(other_buyer, original)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED and offer.is_open is None
    assert "“Fjord in October” has been sold" in _mails_to(buyer)
    assert client_for(original.artist.user).post(f"/api/v1/offers/{offer.pk}/accept").status_code == 409


def test_buying_at_the_agreed_price_marks_the_offer_bought(buyer, original):
    from storefront.basket.services import basket_for_user
    from tests.factories.studio import make_paid_order as pay_cart

    offer = make_offer(buyer, original, "850")
    client_for(original.artist.user).post(f"/api/v1/offers/{offer.pk}/accept")
    assert basket_for_user(user=buyer).lines.count() == 1
    order = pay_cart(buyer)
    assert order.total_excl_tax - order.shipping_excl_tax == Decimal("850.00")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PURCHASED
