"""Schemathesis fuzzes every operation of /api/v1/schema/, anonymously and as a logged-in buyer.

Each generated request goes through the WSGI app in-process; any 500, undocumented status,
wrong content type or body that breaks the schema fails the operation's test. The number of
examples per operation is bounded so the whole run stays around a minute.
"""
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from search.services import artwork_index_rebuild
from tests.factories.catalogue import make_artwork

EXAMPLES = 6
# What the API promises: no server error, only documented statuses, content types and
# headers, and bodies that match the schema. (Schemathesis' "negative/positive data"
# checks are left out: the schema cannot express every business rule — a price range
# the wrong way round is a documented 400 — so they flag correct refusals.)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
# The WSGI app gzips answers for clients that accept it (GZipMiddleware); the fuzzer's
# in-process client does not unpack them, as HTTP clients do, so it asks for them plain.
PLAIN = {"Accept-Encoding": "identity"}


# Building the schema reads no rows, so it is loaded once, at collection: one test per operation.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight into the WSGI app, whose request signals would close the test's
    connection (and its transaction) on MySQL; Django's own test client unhooks them too."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _shop(db, site_tree, artist, buyer):
    from django.core.cache import cache

    # Some real rows, so ids and numbers drawn from the examples can exist.
    make_artwork(artist, title="Harbour at Dusk")
    artwork_index_rebuild()
    cache.clear()  # throttle counters from earlier tests
_bounded = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


@schema.parametrize()
@_bounded
def test_the_api_answers_an_anonymous_client_within_its_schema(case):
    case.call_and_validate(headers=PLAIN, checks=CHECKS)


@schema.parametrize()
@_bounded
def test_the_api_answers_a_logged_in_buyer_within_its_schema(case, buyer):
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=buyer)
    case.call_and_validate(headers={**PLAIN, "Authorization": f"Token {token.key}"}, checks=CHECKS)


def test_an_api_path_holding_a_newline_is_a_json_404(api_client):
    response = api_client.get("/api/v1/orders/a%0Ab/payments")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"]


def test_a_page_past_the_end_of_the_special_orders_is_a_documented_404(api_client, buyer):
    api_client.force_authenticate(buyer)
    assert api_client.get("/api/v1/special-orders?page=0").status_code == 404
