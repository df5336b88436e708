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
