"""An accepted offer keeps the original for its buyer for 24 hours, at the agreed price; the buyer may withdraw.

The hold is the shop's own stock allocation (partner.StockHold): another buyer finds the
work reserved (cart and checkout answer 409 `reserved`), the holder's cart shows the
agreed price and until when, and the holder's order takes the hold over.
"""
import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from artiqo.outbox.models import OutboxMessage
from price_offers.models import OfferStatus, PriceOffer
from storefront.partner.models import StockHold, StockRecord
from tests.factories.api import client_for
from tests.factories.catalogue import make_artwork, make_buyer
from tests.factories.offers import make_offer, offers_on
from tests.factories.orders import address_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def original(artist, vibe):
    work = make_artwork(artist, title="Fjord in October", price=Decimal("1000.00"), vibe=vibe)
    offers_on(work, floor="800.00")
    return work


def _accepted(buyer, original, amount="850.00") -> PriceOffer:
    offer = make_offer(buyer, original, amount)
    response = client_for(original.artist.user).post(f"/api/v1/offers/{offer.pk}/accept")
    assert response.status_code == 200, response.content
    offer.refresh_from_db()
    return offer


@pytest.fixture
def third_buyer(db):
    return make_buyer()


def _allocated(work) -> int:
    return StockRecord.objects.get(product=work).num_allocated or 0


def _place_order(user):
    return client_for(user).post("/api/v1/orders/", {"shipping_method": "standard",
                                                     "shipping_address": address_data()}, format="json")


def _lapse(offer) -> None:
    past = timezone.now() - datetime.timedelta(seconds=1)
    PriceOffer.objects.filter(pk=offer.pk).update(hold_until=past)
    StockHold.objects.filter(pk=offer.stock_hold_id).update(expires_at=past)


def test_another_buyer_cannot_add_a_held_original_to_their_cart(buyer, other_buyer, original):
    _accepted(buyer, original)
    response = client_for(other_buyer).post(f"/api/v1/cart/{other_buyer.pk}/add", {"product_id": original.pk},
                                            format="json")
    assert response.status_code == 409, response.content
    error = response.json()["error"]
    assert error["code"] == "reserved" and "reserved for another buyer until" in error["message"]
    assert client_for(other_buyer).get(f"/api/v1/cart/{other_buyer.pk}").json()["lines"] == []
    assert _allocated(original) == 1


def test_another_buyer_with_the_work_already_in_their_cart_cannot_check_it_out(buyer, other_buyer, original):
    assert client_for(other_buyer).post(f"/api/v1/cart/{other_buyer.pk}/add", {"product_id": original.pk},
                                        format="json").status_code == 201
    _accepted(buyer, original)
    response = _place_order(other_buyer)
    assert response.status_code == 409, response.content
    assert response.json()["error"]["code"] == "reserved"
    assert _allocated(original) == 1


def test_the_holder_sees_the_agreed_price_and_until_when_and_checks_out(buyer, other_buyer, original):
    offer = _accepted(buyer, original)
    line = client_for(buyer).get(f"/api/v1/cart/{buyer.pk}").json()["lines"][0]
    assert Decimal(line["unit_price"]) == Decimal("850.00") and line["is_available"] is True
    assert line["hold_note"].startswith("Your offer price, held until ")
    assert line["held_until"] is not None
    placed = _place_order(buyer)
    assert placed.status_code == 201, placed.content
    # The order took the hold's allocation over: still one allocated, no second reservation.
    assert _allocated(original) == 1
    hold = StockHold.objects.get(pk=offer.stock_hold_id)
    assert hold.is_live is False and hold.order_id is not None


def test_the_artwork_page_and_api_say_reserved_to_others_and_held_to_the_holder(client, buyer, other_buyer, original):
    client.force_login(other_buyer)
    # Read (and cached) while for sale: the hold must show at once all the same.
    assert "Add to cart" in client.get(original.get_absolute_url()).content.decode()
    assert client_for(other_buyer).get(f"/api/v1/products/{original.pk}").json()["reserved_until"] is None
    _accepted(buyer, original)
    page = client.get(original.get_absolute_url()).content.decode()
    assert "the artist accepted another buyer's offer" in page and "Add to cart" not in page
    assert client_for(other_buyer).get(f"/api/v1/products/{original.pk}").json()["reserved_until"] is not None
    client.force_login(buyer)
    page = client.get(original.get_absolute_url()).content.decode()
    assert "Your offer was accepted." in page and "held for you at 850.00" in page


def test_the_cart_page_shows_the_offer_price_and_until_when(client, buyer, original):
    _accepted(buyer, original)
    client.force_login(buyer)
    page = client.get("/shop/basket/").content.decode()
    assert "Your offer price, held until" in page and "850" in page


def test_the_hold_ends_after_24_hours_and_the_work_is_for_sale_again(buyer, other_buyer, original):
    offer = _accepted(buyer, original)
    _lapse(offer)
    call_command("expire_offers")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED and _allocated(original) == 0
    assert client_for(other_buyer).post(f"/api/v1/cart/{other_buyer.pk}/add", {"product_id": original.pk},
                                        format="json").status_code == 201


def test_a_lapsed_hold_is_released_by_the_holds_sweep_too(buyer, original):
    offer = _accepted(buyer, original)
    _lapse(offer)
    call_command("release_expired_holds")
    assert _allocated(original) == 0


def test_an_unpaid_order_of_the_holder_gives_the_hold_back_when_it_lapses(buyer, other_buyer, original):
    from storefront.order.holds import order_holds_release_expired
    from storefront.order.models import Order

    offer = _accepted(buyer, original)
    assert _place_order(buyer).status_code == 201
    Order.objects.filter(user=buyer).update(hold_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert order_holds_release_expired() == 1
    hold = StockHold.objects.get(pk=offer.stock_hold_id)
    assert hold.is_live is True and hold.order_id is None and _allocated(original) == 1
    assert client_for(other_buyer).post(f"/api/v1/cart/{other_buyer.pk}/add", {"product_id": original.pk},
                                        format="json").status_code == 409


def test_while_one_offer_is_held_no_other_is_made_or_accepted(buyer, other_buyer, third_buyer, original):
    second = make_offer(other_buyer, original, "900.00")
    _accepted(buyer, original)
    made = client_for(third_buyer).post("/api/v1/offers", {"product_id": original.pk, "amount": "900"},
                                        format="json")
    assert made.status_code == 409 and "reserved for another buyer" in made.json()["error"]["message"]
    response = client_for(original.artist.user).post(f"/api/v1/offers/{second.pk}/accept")
    assert response.status_code == 409 and response.json()["error"]["code"] == "reserved"
    second.refresh_from_db()
    assert second.status == OfferStatus.PENDING and second.stock_hold_id is None


def test_the_buyer_withdraws_a_pending_offer_and_the_artist_is_mailed(buyer, original):
    offer = make_offer(buyer, original, "850.00")
    response = client_for(buyer).post(f"/api/v1/offers/{offer.pk}/withdraw")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    subjects = list(OutboxMessage.objects.filter(to_users=original.artist.user).values_list("subject", flat=True))
    assert any("withdrew their offer on “Fjord in October”" in subject for subject in subjects)
    again = client_for(buyer).post(f"/api/v1/offers/{offer.pk}/withdraw")
    assert again.status_code == 409 and again.json()["error"]["code"] == "offer_not_open"


def test_withdrawing_an_accepted_offer_releases_the_hold(buyer, other_buyer, original):
    offer = _accepted(buyer, original)
    assert client_for(buyer).post(f"/api/v1/offers/{offer.pk}/withdraw").status_code == 200
    assert _allocated(original) == 0
    assert client_for(other_buyer).post(f"/api/v1/cart/{other_buyer.pk}/add", {"product_id": original.pk},
                                        format="json").status_code == 201


def test_wrong_users_cannot_withdraw_and_change_nothing(buyer, other_buyer, other_artist, original, api_client):
    offer = _accepted(buyer, original)
    refused = {
        other_buyer: 404, other_artist.user: 404, original.artist.user: 403,
    }
    for user, expected in refused.items():
        response = client_for(user).post(f"/api/v1/offers/{offer.pk}/withdraw")
        assert response.status_code == expected, (user, response.content)
        assert set(response.json()) == {"error"}
    assert api_client.post(f"/api/v1/offers/{offer.pk}/withdraw").status_code == 401
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED and _allocated(original) == 1
    assert StockHold.objects.get(pk=offer.stock_hold_id).is_live is True
    assert not OutboxMessage.objects.filter(subject__contains="withdrew").exists()


def test_the_buyer_withdraws_on_their_offers_page(client, buyer, original):
    offer = _accepted(buyer, original)
    client.force_login(buyer)
    assert "Withdraw" in client.get("/shop/accounts/offers/").content.decode()
    response = client.post(f"/shop/accounts/offers/{offer.pk}/withdraw/", follow=True)
    assert "Offer withdrawn; the artist has been told." in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == OfferStatus.WITHDRAWN and _allocated(original) == 0


def test_a_buyer_making_too_many_offers_in_an_hour_is_answered_429(settings, buyer, artist, vibe):
    settings.ARTIQO_OFFERS_PER_HOUR = 2
    works = [make_artwork(artist, price=Decimal("1000.00"), vibe=vibe) for _ in range(3)]
    for work in works:
        offers_on(work, floor=None)
    client = client_for(buyer)
    # A refused offer (too high) does not count: only offers made do.
    assert client.post("/api/v1/offers", {"product_id": works[0].pk, "amount": "1200"},
                       format="json").status_code == 400
    for work in works[:2]:
        assert client.post("/api/v1/offers", {"product_id": work.pk, "amount": "900"},
                           format="json").status_code == 201
    response = client.post("/api/v1/offers", {"product_id": works[2].pk, "amount": "900"}, format="json")
    assert response.status_code == 429, response.content
    assert response.json()["error"]["code"] == "too_many_offers"
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert PriceOffer.objects.filter(buyer=buyer).count() == 2
    # An hour later the buyer may offer again.
    PriceOffer.objects.filter(buyer=buyer).update(created_at=timezone.now() - datetime.timedelta(hours=1, seconds=1))
    assert client.post("/api/v1/offers", {"product_id": works[2].pk, "amount": "900"},
                       format="json").status_code == 201


def test_the_offer_form_says_when_too_many_offers_were_made(settings, client, buyer, artist, vibe, original):
    settings.ARTIQO_OFFERS_PER_HOUR = 1
    earlier = make_artwork(artist, price=Decimal("1000.00"), vibe=vibe)
    offers_on(earlier, floor=None)
    make_offer(buyer, earlier, "900.00")
    client.force_login(buyer)
    response = client.post(f"/shop/accounts/offers/new/{original.pk}/", {"amount": "850"}, follow=True)
    assert "the most we take. You can make another in about" in response.content.decode()
    assert not PriceOffer.objects.filter(product=original).exists()


def test_a_late_payment_of_the_holders_lapsed_order_takes_the_hold_back_and_buys_the_work(buyer, original):
    from storefront.order.holds import order_holds_release_expired
    from storefront.order.models import Order
    from storefront.order.services import order_mark_paid

    offer = _accepted(buyer, original)
    assert _place_order(buyer).status_code == 201
    Order.objects.filter(user=buyer).update(hold_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    order_holds_release_expired()
    order = Order.objects.get(user=buyer)
    assert order_mark_paid(order=order) is True
    hold = StockHold.objects.get(pk=offer.stock_hold_id)
    assert hold.is_live is False and hold.order_id == order.pk and _allocated(original) == 1
