"""Cached pages are never stale: every kind of change shows on the next request of every page.

The catalogue's pages keep their costly parts in the cache under a version that the
change events bump (artiqo.core.cache). Each test warms every page first (and checks the
cache is in play), makes one kind of change the way the shop makes it, then asks again.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.services import index_queue_process
from tests.factories.billing import make_feature
from tests.factories.catalogue import make_artwork
from tests.factories.storefront import mark_sold

HOME, BROWSE, API_LIST = "/", "/shop/catalogue/", "/api/v1/products/products"
RECOMMENDATIONS = "/api/v1/recommendations/"
SEARCH = "/shop/search/?q=harbour"
LISTS = (HOME, BROWSE, API_LIST, SEARCH, "/api/v1/search/?q=harbour&counts=true")


def _text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        _text(client, url)
    return len(queries)


def _warm(client, urls=LISTS) -> dict[str, str]:
    index_queue_process()
    return {url: _text(client, url) for url in urls}


@pytest.fixture
def catalogue(storefront_catalogue):
    index_queue_process()
    return storefront_catalogue


@pytest.mark.django_db
def test_a_warm_list_page_reads_its_lists_from_the_cache(client, catalogue):
    # Once warm, home (Wagtail's site, page and view restrictions included), browse, search
    # and the API list run no query at all for a visitor.
    cold = {url: _queries(client, url) for url in (HOME, BROWSE)}
    _warm(client)  # (the first visit also makes what later ones read: renditions, the recommender's lists)
    warm = {url: _queries(client, url) for url in (HOME, BROWSE, API_LIST, SEARCH)}
    assert warm == {HOME: 0, BROWSE: 0, API_LIST: 0, SEARCH: 0}, (cold, warm)
    assert cold[BROWSE] > 5 and cold[HOME] > 3, (cold, warm)


@pytest.mark.django_db
def test_a_warm_search_page_does_not_ask_the_engine_again(client, catalogue, monkeypatch):
    before = _text(client, SEARCH)

    def engine_down(**kwargs):
        raise AssertionError("the engine was asked")

    monkeypatch.setattr("search.views.artwork_search", engine_down)
    after = _text(client, SEARCH)
    assert after.count('class="art-card') == before.count('class="art-card') > 0


@pytest.mark.django_db
def test_a_new_work_shows_on_the_next_request(client, catalogue):
    before = _warm(client)
    assert all("Harbour Lights Again" not in html for html in before.values())
    make_artwork(catalogue["artists"]["mira"], title="Harbour Lights Again", vibe=catalogue["vibes"]["calm"])
    index_queue_process()
    for url in LISTS:  # (search highlights the word it matched: <mark>Harbour</mark>)
        assert "Lights Again" in _text(client, url), url


@pytest.mark.django_db
def test_a_price_change_shows_on_the_next_request(client, catalogue):
    harbour = catalogue["works"]["harbour"]
    before = _warm(client, (BROWSE, API_LIST, "/shop/search/?q=harbour", f"/api/v1/products/{harbour.pk}"))
    assert all("777" not in html for html in before.values())
    record = harbour.stockrecords.get()
    record.price = Decimal("777.00")
    record.save()
    index_queue_process()
    for url in before:
        assert "777" in _text(client, url), url


@pytest.mark.django_db
def test_a_sale_shows_on_the_next_request(client, catalogue):
    storm = catalogue["works"]["storm"]
    assert "Red Storm" in _text(client, HOME) and "Red Storm" in _text(client, BROWSE + "?available=1")
    assert '"is_available":true' in _text(client, f"{API_LIST}?vibe=bold").replace(" ", "")
    mark_sold(storm)  # allocated, as a paid order leaves it
    assert "Red Storm" not in _text(client, HOME)  # "Just listed" shows works for sale only
    assert "Red Storm" not in _text(client, BROWSE + "?available=1")
    assert '"is_available":true' not in _text(client, f"{API_LIST}?vibe=bold").replace(" ", "")


@pytest.mark.django_db
def test_a_feature_bought_shows_on_the_next_request(client, catalogue, django_capture_on_commit_callbacks):
    fjord = catalogue["works"]["fjord"]
    assert "badge-featured" not in _text(client, BROWSE)
    assert "featured-section" not in _text(client, HOME)
    _text(client, RECOMMENDATIONS)
    # Billing tells the catalogue after the commit, as a paid feature does.
    with django_capture_on_commit_callbacks(execute=True):
        make_feature(fjord)
    browse = _text(client, BROWSE)
    assert "badge-featured" in browse and browse.index("Quiet Fjord") < browse.index("Harbour at Dusk")
    assert "featured-section" in _text(client, HOME)
    assert str(fjord.pk) in _text(client, RECOMMENDATIONS)


@pytest.mark.django_db
def test_a_cms_edit_shows_on_the_next_request(client, catalogue):
    from storefront.cms.models import HomePage

    assert "The autumn show is on" not in _text(client, HOME)
    home = HomePage.objects.get()
    home.hero_title = "The autumn show is on"
    home.save_revision().publish()
    assert "The autumn show is on" in _text(client, HOME)


@pytest.mark.django_db
def test_a_view_restriction_on_a_page_applies_on_the_next_request(client, catalogue):
    from wagtail.models import PageViewRestriction

    from storefront.cms.models import HomePage

    _text(client, HOME)
    PageViewRestriction.objects.create(page=HomePage.objects.get(), restriction_type=PageViewRestriction.LOGIN)
    response = client.get(HOME)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_a_site_moved_to_another_host_applies_on_the_next_request(client, catalogue):
    from wagtail.models import Site

    _text(client, HOME)
    Site.objects.update(is_default_site=False)  # a queryset update sends no signal: saved below
    site = Site.objects.get()
    site.hostname = "elsewhere.example"
    site.save()
    assert client.get(HOME).status_code == 404


@pytest.mark.django_db
def test_a_renamed_vibe_shows_in_the_filters_and_cards(client, catalogue):
    assert "Stormy" not in _text(client, BROWSE)
    bold = catalogue["vibes"]["bold"]
    bold.name = "Stormy"
    bold.save()
    assert "Stormy" in _text(client, BROWSE) and "Stormy" in _text(client, HOME)


@pytest.mark.django_db
def test_the_nonce_and_the_csrf_token_are_never_cached(client, catalogue, buyer):
    # Fragments are the same for everybody; the nonce and the signed-in header are per request.
    first, second = client.get(HOME), client.get(HOME)
    nonce = first.wsgi_request.csp_nonce
    assert f'nonce="{nonce}"' in first.content.decode() and f'nonce="{nonce}"' not in second.content.decode()
    client.force_login(buyer)
    assert "Log out" in _text(client, HOME)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [BROWSE, "/shop/search/?q=harbour"])
def test_the_filter_panel_folds_on_a_phone_with_this_requests_nonce_on_a_warm_page(client, catalogue, url):
    # The panel is in the cached fragment; the script that folds it before the first paint is not.
    for _ in range(2):
        response = client.get(url)
        html = response.content.decode()
        nonce = response.wsgi_request.csp_nonce
        panel = html.index("data-collapse-on-phone")
        fold = html.index(f'<script nonce="{nonce}">if (window.matchMedia("(max-width: 760px)").matches)')
        assert panel < fold and 'removeAttribute("open")' in html[fold:]


@pytest.mark.django_db
def test_a_signed_in_page_does_not_count_notifications_nobody_shows(client, catalogue, buyer):
    client.force_login(buyer)
    _text(client, BROWSE)
    with CaptureQueriesContext(connection) as queries:
        _text(client, BROWSE)
    assert not [query for query in queries.captured_queries if "notification" in query["sql"]]
    # The session and the user, the cart (and its lines), the buyer's hearts and follows (one
    # query, collectors' state for the page's buttons); the catalogue's lists come from the cache.
    assert len(queries) <= 7, [query["sql"][:80] for query in queries.captured_queries]


@pytest.mark.django_db
def test_a_warm_search_api_answer_does_not_ask_the_engine_again(client, catalogue, monkeypatch):
    from search.api import views

    asked = []
    search = views.artwork_search
    monkeypatch.setattr(views, "artwork_search", lambda **kwargs: asked.append(kwargs) or search(**kwargs))
    url = "/api/v1/search/?q=harbour&counts=true"
    before = client.get(url).json()
    after = client.get(url).json()
    assert after == before and before["count"] > 0
    assert len(asked) == 1
    # Another address is another answer, asked of the engine.
    assert client.get(url + "&page_size=5").json()["page_size"] == 5
    assert len(asked) == 2
