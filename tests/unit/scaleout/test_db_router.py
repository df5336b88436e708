"""Read replicas: which database a read or write goes to, and when a client is pinned."""
import time

import pytest
from django.core.signals import request_started
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from artiqo.db_router import (
    PIN_COOKIE,
    RESET_UID,
    PrimaryAfterWriteMiddleware,
    PrimaryReplicaRouter,
    router_request_reset,
)

REPLICAS = {"replica1", "replica2"}


@pytest.fixture
def router(settings, monkeypatch):
    monkeypatch.setattr("artiqo.db_router.replica_aliases", lambda: sorted(REPLICAS))
    settings.ARTIQO_REPLICA_PIN_SECONDS = 5
    router = PrimaryReplicaRouter()
    router_request_reset()  # a fresh request: nothing written yet
    yield router
    router_request_reset()


def test_plain_reads_are_spread_over_the_replicas(router):
    used = {router.db_for_read(None) for _ in range(200)}
    assert used == REPLICAS


def test_after_a_write_every_read_of_that_request_goes_to_the_primary(router):
    assert router.db_for_write(None) == "default"
    assert {router.db_for_read(None) for _ in range(50)} == {"default"}


def test_the_next_request_reads_from_replicas_again(router):
    router.db_for_write(None)
    router_request_reset()
    assert router.db_for_read(None) in REPLICAS
    # ... because every request starts with that reset (disconnect says whether it was connected).
    assert request_started.disconnect(dispatch_uid=RESET_UID)
    request_started.connect(router_request_reset, dispatch_uid=RESET_UID)


def test_reads_inside_a_transaction_on_the_primary_stay_on_the_primary(router, monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert {router.db_for_read(None) for _ in range(50)} == {"default"}


def test_migrations_run_only_on_the_primary(router):
    assert router.allow_migrate("default", "catalogue") is True
    assert router.allow_migrate("replica1", "catalogue") is False


def test_rows_read_from_a_replica_may_be_related_to_rows_from_the_primary(router):
    class Row:
        def __init__(self, db):
            self._state = type("State", (), {"db": db})()

    assert router.allow_relation(Row("replica1"), Row("default"))
    assert not router.allow_relation(Row("replica1"), Row("elsewhere"))


def _serve(router, request, *, writes: bool):
    def view(request):
        reads = {router.db_for_read(None) for _ in range(30)}
        if writes:
            router.db_for_write(None)
        return HttpResponse(",".join(sorted(reads)))

    router_request_reset()
    return PrimaryAfterWriteMiddleware(view)(request)


def test_a_client_that_wrote_reads_its_next_pages_from_the_primary(router):
    factory = RequestFactory()
    posted = _serve(router, factory.post("/shop/checkout/"), writes=True)
    cookie = posted.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 5 and cookie["httponly"]

    redirected = factory.get("/shop/checkout/thank-you/")
    redirected.COOKIES[PIN_COOKIE] = cookie.value
    assert _serve(router, redirected, writes=False).content == b"default"


def test_a_pin_runs_out_and_a_reader_never_gets_one(router):
    factory = RequestFactory()
    expired = factory.get("/shop/catalogue/")
    expired.COOKIES[PIN_COOKIE] = str(time.time() - 1)
    response = _serve(router, expired, writes=False)
    assert set(response.content.decode().split(",")) <= REPLICAS
    assert PIN_COOKIE not in response.cookies

    garbled = factory.get("/shop/catalogue/")
    garbled.COOKIES[PIN_COOKIE] = "tomorrow"
    assert set(_serve(router, garbled, writes=False).content.decode().split(",")) <= REPLICAS


def test_a_write_request_reads_only_from_the_primary_even_before_it_writes(router):
    response = _serve(router, RequestFactory().post("/api/v1/cart/1/add"), writes=False)
    assert response.content == b"default"
    assert PIN_COOKIE not in response.cookies  # nothing written: nothing to read back


def test_a_page_view_that_counts_a_visit_does_not_pin_its_reader(router):
    response = _serve(router, RequestFactory().get("/shop/catalogue/harbour_1/"), writes=True)
    assert set(response.content.decode().split(",")) <= REPLICAS
    assert PIN_COOKIE not in response.cookies


def test_sessions_tokens_lockouts_and_idempotency_keys_are_always_read_from_the_primary(router):
    from django.contrib.sessions.models import Session
    from rest_framework.authtoken.models import Token

    from artiqo.core.models import IdempotencyRecord
    from storefront.accounts.models import LoginLockout

    for model in (Session, Token, LoginLockout, IdempotencyRecord):
        assert {router.db_for_read(model) for _ in range(30)} == {"default"}, model
