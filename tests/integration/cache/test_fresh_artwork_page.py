"""The artwork page and `GET products/{id}` are cached for everyone and never stale.

A warm visit reads the work, its gallery, facts and texts, its reviews and offer terms,
and the API's body, from the cache (kept under the catalogue's version, artiqo.core.cache).
Each test here warms the page first, changes one thing the way the shop changes it, and
asks again; what belongs to the viewer (CSRF token, what they may do) stays theirs.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from storefront.catalogue.reviews.services import review_update
from tests.factories.offers import offers_on
from tests.factories.reviews import make_received_order, make_review
from tests.factories.storefront import mark_sold

pytestmark = pytest.mark.django_db


def _text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _urls(work) -> tuple[str, str]:
    return work.get_absolute_url(), f"/api/v1/products/{work.pk}"


@pytest.fixture
def harbour(storefront_catalogue):
    return storefront_catalogue["works"]["harbour"]


def test_a_warm_artwork_page_and_api_detail_read_the_cache(client, harbour):
    page, api = _urls(harbour)
    app = Client()  # an API client sends no session cookie
    _text(client, page), _text(client, page), _text(app, api)
    with CaptureQueriesContext(connection) as page_queries:
        assert "Harbour at Dusk" in _text(client, page)
    with CaptureQueriesContext(connection) as api_queries:
        assert "Harbour at Dusk" in _text(app, api)
    # A visitor has no session (what they looked at is a signed cookie): the page, like the
    # API body, is served from the cache alone.
    assert len(api_queries) == 0, [query["sql"][:80] for query in api_queries.captured_queries]
    assert len(page_queries) == 0, [query["sql"][:80] for query in page_queries.captured_queries]


def test_a_price_change_shows_on_the_artwork_page_and_api_detail(client, harbour):
    urls = _urls(harbour)
    assert all("777" not in _text(client, url) for url in urls)
    record = harbour.stockrecords.get()
    record.price = Decimal("777.00")
    record.save()
    assert all("777" in _text(client, url) for url in urls)


def test_a_sale_shows_on_the_artwork_page_and_api_detail(client, harbour):
    page, api = _urls(harbour)
    assert "Add to cart" in _text(client, page) and '"is_available":true' in _text(client, api).replace(" ", "")
    mark_sold(harbour)
    sold = _text(client, page)
    assert "Add to cart" not in sold and "Sold" in sold and '<article class="artwork is-sold">' in sold
    assert '"is_available":false' in _text(client, api).replace(" ", "")


def test_an_edited_description_and_a_renamed_artist_show_on_the_next_request(client, harbour):
    page, api = _urls(harbour)
    assert "salt on the glass" not in _text(client, page) + _text(client, api)
    harbour.description = "Painted with salt on the glass."
    harbour.save()
    artist = harbour.artist
    artist.name = "Mira Solberg-Haugen"
    artist.save()
    html = _text(client, page)
    assert "salt on the glass" in html and "Mira Solberg-Haugen" in html[html.index("About the artist"):]
    assert "salt on the glass" in _text(client, api)


def test_a_retitled_work_and_a_renamed_artist_show_in_its_heading_and_breadcrumbs(client, harbour):
    assert '<h1 class="artwork-title">Harbour at Dusk</h1>' in _text(client, harbour.get_absolute_url())
    harbour.title = "Harbour at Dawn"
    harbour.save()
    harbour.artist.name = "Mira Solberg-Haugen"
    harbour.artist.save()
    response = client.get(harbour.get_absolute_url(), follow=True)
    html = response.content.decode()
    assert '<h1 class="artwork-title">Harbour at Dawn</h1>' in html and "Harbour at Dusk" not in html
    assert '<li aria-current="page">Harbour at Dawn</li>' in html
    assert "Mira Solberg-Haugen</a>" in html[:html.index("About the artist")]


def test_a_new_review_its_edit_and_its_answer_show_on_the_next_request(client, harbour, buyer):
    page = harbour.get_absolute_url()
    assert "Glows at dusk" not in _text(client, page)
    review = make_review(buyer, harbour, score=4, body="Glows at dusk.")
    html = _text(client, page)
    assert "Glows at dusk." in html and "4.0 of 5 (1)" in html
    review_update(user=buyer, review_id=review.pk, score=5, body="Glows at dawn too.")
    html = _text(client, page)
    assert "Glows at dawn too." in html and "5.0 of 5 (1)" in html


def test_a_hidden_review_leaves_the_page_on_the_next_request(client, harbour, buyer):
    from storefront.catalogue.reviews.models import ProductReview

    make_review(buyer, harbour, body="Call me for cheap frames")
    assert "cheap frames" in _text(client, harbour.get_absolute_url())
    review = ProductReview.objects.get()
    review.status = ProductReview.REJECTED
    review.save()
    assert "cheap frames" not in _text(client, harbour.get_absolute_url())


def test_offers_turned_on_show_the_offer_box_on_the_next_request(client, harbour):
    page = harbour.get_absolute_url()
    assert "Make an offer" not in _text(client, page)
    offers_on(harbour)
    assert "Make an offer" in _text(client, page)


def test_what_a_viewer_may_do_is_theirs_on_a_warm_page(client, harbour, buyer, storefront_catalogue):
    page = harbour.get_absolute_url()
    _text(client, page)
    make_received_order(buyer, harbour)
    signed_in = Client()
    signed_in.force_login(buyer)
    html = _text(signed_in, page)
    # The buyer who received the work may review it; a visitor of the same warm page may not.
    assert "Write a review" in html and "Write a review" not in _text(client, page)
    # Each viewer's cart form carries their own CSRF token.
    fjord = storefront_catalogue["works"]["fjord"].get_absolute_url()
    tokens = [_text(viewer, fjord).split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
              for viewer in (signed_in, Client())]
    assert tokens[0] != tokens[1]
