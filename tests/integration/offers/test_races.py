"""Concurrent offers on MariaDB/MySQL: one open offer per buyer and work, whatever the timing."""
from decimal import Decimal

import pytest
from django.db import connection

from price_offers.models import PriceOffer
from tests.factories.api import client_for
from tests.factories.catalogue import make_artwork
from tests.factories.concurrency import run_together
from tests.factories.offers import offers_on

pytestmark = [
    pytest.mark.mysql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "mysql",
                       reason="needs concurrent connections: run with DATABASE_URL=mysql://..."),
]


def test_concurrent_offers_of_one_buyer_on_one_work_leave_one_open(buyer, other_buyer, artist):
    work = make_artwork(artist, price=Decimal("1000.00"))
    offers_on(work, floor="500.00")
    responses = run_together(6, lambda n: client_for(buyer).post(
        "/api/v1/offers", {"product_id": work.pk, "amount": f"{800 + n}.00"}, format="json"))
    assert sorted(response.status_code for response in responses) == [201] + [409] * 5
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {"offer_open"}
    assert PriceOffer.objects.filter(buyer=buyer, product=work, is_open=True).count() == 1
    # Another buyer is not held up by it.
    assert client_for(other_buyer).post("/api/v1/offers", {"product_id": work.pk, "amount": "700"},
                                        format="json").status_code == 201


def test_the_artist_answering_twice_at_once_takes_effect_once(buyer, artist):
    from tests.factories.offers import make_offer

    work = make_artwork(artist, price=Decimal("1000.00"))
    offers_on(work, floor=None)
    offer = make_offer(buyer, work, "850.00")
    responses = run_together(4, lambda n: client_for(artist.user).post(
        f"/api/v1/offers/{offer.pk}/{'accept' if n % 2 else 'decline'}"))
    assert sorted(response.status_code for response in responses) == [200] + [409] * 3
    offer.refresh_from_db()
    assert offer.status in ("accepted", "declined")


def test_during_a_hold_the_holder_checks_out_and_another_buyer_at_the_same_moment_is_refused(buyer, other_buyer,
                                                                                            artist):
    from storefront.partner.models import StockRecord
    from tests.factories.offers import make_offer
    from tests.factories.orders import address_data

    work = make_artwork(artist, price=Decimal("1000.00"))
    offers_on(work, floor=None)
    # The other buyer had put the work in their cart before the artist accepted the offer.
    assert client_for(other_buyer).post(f"/api/v1/cart/{other_buyer.pk}/add", {"product_id": work.pk},
                                        format="json").status_code == 201
    offer = make_offer(buyer, work, "850.00")
    assert client_for(artist.user).post(f"/api/v1/offers/{offer.pk}/accept").status_code == 200
    body = {"shipping_method": "standard", "shipping_address": address_data()}
    users = [buyer, other_buyer] * 3
    responses = run_together(len(users), lambda n: client_for(users[n]).post("/api/v1/orders/", body, format="json"))
    holder = [r for user, r in zip(users, responses, strict=True) if user == buyer]
    other = [r for user, r in zip(users, responses, strict=True) if user == other_buyer]
    # The holder's concurrent submits make one order (replayed to each); the other buyer never gets one.
    assert {r.status_code for r in holder} <= {200, 201} and 201 in {r.status_code for r in holder}
    assert len({r.json()["number"] for r in holder}) == 1
    assert {r.status_code for r in other} == {409}
    # Held for the offer, or (once the holder's order took the hold over) being paid for: reserved either way.
    assert {r.json()["error"]["code"] for r in other} <= {"reserved", "sold_out"}
    assert all("reserved" in r.json()["error"]["message"] for r in other)
    record = StockRecord.objects.get(product=work)
    assert record.num_allocated == 1 and record.num_in_stock == 1


def test_an_accept_and_another_buyers_checkout_at_once_leave_the_work_to_exactly_one(buyer, other_buyer, artist):
    from storefront.order.models import Order
    from storefront.partner.models import StockRecord
    from tests.factories.offers import make_offer
    from tests.factories.orders import address_data

    work = make_artwork(artist, price=Decimal("1000.00"))
    offers_on(work, floor=None)
    offer = make_offer(buyer, work, "850.00")
    assert client_for(other_buyer).post(f"/api/v1/cart/{other_buyer.pk}/add", {"product_id": work.pk},
                                        format="json").status_code == 201
    body = {"shipping_method": "standard", "shipping_address": address_data()}
    calls = [lambda: client_for(artist.user).post(f"/api/v1/offers/{offer.pk}/accept"),
             lambda: client_for(other_buyer).post("/api/v1/orders/", body, format="json")]
    accepted, ordered = run_together(2, lambda n: calls[n]())
    assert sorted([accepted.status_code, ordered.status_code]) in ([200, 409], [201, 409])
    offer.refresh_from_db()
    assert (offer.status == "accepted") == (accepted.status_code == 200)
    assert Order.objects.filter(user=other_buyer).exists() == (ordered.status_code == 201)
    assert StockRecord.objects.get(product=work).num_allocated == 1
