"""Concurrent API calls on MariaDB/MySQL: one order per idempotency key, stock and lock counts hold."""
from decimal import Decimal

import pytest
from django.db import connection
from oscar.core.loading import get_model

from storefront.catalogue.models import ArtworkKind
from tests.factories.api import client_for
from tests.factories.catalogue import PASSWORD, make_artwork
from tests.factories.concurrency import run_together

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.mysql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "mysql",
                       reason="needs row locks and concurrent connections: run with DATABASE_URL=mysql://..."),
]


def test_concurrent_orders_with_one_idempotency_key_make_one_order(buyer, artwork):
    client_for(buyer).post(f"/api/v1/cart/{buyer.pk}/add", {"product_id": artwork.pk}, format="json")
    responses = run_together(4, lambda _: client_for(buyer).post("/api/v1/orders/", {}, format="json",
                                                              HTTP_IDEMPOTENCY_KEY="double-click"))
    assert [response.status_code for response in responses] == [201] * 4
    assert len({response.json()["number"] for response in responses}) == 1
    assert Order.objects.filter(user=buyer).count() == 1


def test_concurrent_adds_to_one_cart_never_exceed_the_stock(buyer, artist, vibe):
    edition = make_artwork(artist, price=Decimal("20.00"), kind=ArtworkKind.EDITION, edition_size=3)
    responses = run_together(6, lambda _: client_for(buyer).post(f"/api/v1/cart/{buyer.pk}/add",
                                                              {"product_id": edition.pk}, format="json"))
    assert sorted(response.status_code for response in responses) == [201] * 3 + [409] * 3
    assert Basket.open.get(owner=buyer).lines.get().quantity == 3


def test_concurrent_failed_logins_all_count_towards_the_lock(api_client, buyer):
    from rest_framework.test import APIClient

    responses = run_together(8, lambda n: APIClient().post("/api/v1/users/login",
                                                        {"username": buyer.username, "password": f"bad{n}"},
                                                        format="json", HTTP_X_FORWARDED_FOR=f"10.1.1.{n}"))
    assert {response.status_code for response in responses} <= {401, 429}
    locked = api_client.post("/api/v1/users/login", {"username": buyer.username, "password": PASSWORD},
                             format="json")
    assert locked.status_code == 429
