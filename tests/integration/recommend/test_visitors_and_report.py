"""Visitors get picks from what they looked at (a signed cookie); the CMS reports the last trainings."""
import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from recommend import serving
from recommend.templatetags.recommend_tags import visitor_picks_html
from storefront.catalogue.viewlog import VIEWED_COOKIE, visitor_viewed_ids
from tests.factories.catalogue import make_artist, make_buyer, make_vibe
from tests.factories.recommend import make_dated_order, make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(site_tree, train):
    calm = make_vibe("calm")
    works = [make_edition(make_artist(), title=f"Work {n}", description=f"scene{n % 2}", vibe=calm) for n in range(6)]
    for _ in range(3):
        make_dated_order(make_buyer(), works[0], works[1], days_ago=3)
    train()
    return works


def _looked_at(client) -> list[int]:
    """The works the client's looked-at cookie names, read the way the shop reads it."""
    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return visitor_viewed_ids(request=request)


def _picks_for(client, *, exclude: int) -> str:
    """The artwork page's "because you looked at" section for the client's cookie, as the shop makes it."""
    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return visitor_picks_html(request, 6, exclude)


def test_a_visitor_who_looked_at_a_work_sees_picks_because_they_looked_at_it(client, shop):
    client.get(shop[0].get_absolute_url())
    assert _looked_at(client) == [shop[0].pk]

    html = client.get("/").content.decode()

    assert "Because you looked at…" in html
    assert "Because you looked at Work 0" in html
    assert shop[1].get_absolute_url() in html


def test_the_artwork_page_shows_a_visitors_picks_but_never_the_work_itself(client, shop):
    client.get(shop[0].get_absolute_url())
    html = client.get(shop[1].get_absolute_url()).content.decode()
    section = html.split('id="reco-looked"', 1)[1]

    assert _looked_at(client) == [shop[1].pk, shop[0].pk]
    assert shop[0].get_absolute_url() in section or shop[2].get_absolute_url() in section
    assert shop[1].get_absolute_url() not in section


def test_two_visitors_on_the_same_kept_artwork_page_each_see_picks_from_their_own_looks(shop):
    first, second = Client(), Client()
    first.get(shop[0].get_absolute_url())
    second.get(shop[2].get_absolute_url())

    pages = [visitor.get(shop[1].get_absolute_url()) for visitor in (first, second)]

    # The second visitor's page came from the cache; only their picks were rendered for them.
    assert "oscar/catalogue/detail.html" not in [template.name for template in pages[1].templates]
    picks = [_picks_for(visitor, exclude=shop[1].pk) for visitor in (first, second)]
    assert picks[0] != picks[1] and all('id="reco-looked"' in section for section in picks)
    assert picks[0] in pages[0].content.decode() and picks[1] in pages[1].content.decode()


def test_a_visitor_who_looked_at_nothing_gets_no_looked_at_section(client, shop):
    assert "Because you looked at" not in client.get("/").content.decode()


def test_a_visitors_picks_come_back_with_their_cookie_alone(client, shop):
    client.get(shop[0].get_absolute_url())
    elsewhere = Client()  # nothing on the server ties the two: only the cookie travels
    elsewhere.cookies[VIEWED_COOKIE] = client.cookies[VIEWED_COOKIE].value

    html = elsewhere.get("/").content.decode()

    assert "Because you looked at Work 0" in html


@pytest.mark.parametrize("forge", [
    lambda value, pk: value.replace(str(pk), str(pk + 1), 1),  # another id under the old signature
    lambda value, pk: f"{pk + 1}",  # no signature at all
    lambda value, pk: "%%%:not-a-cookie",
])
def test_a_tampered_looked_at_cookie_counts_as_nothing_and_never_breaks_a_page(client, shop, forge):
    client.get(shop[0].get_absolute_url())
    client.cookies[VIEWED_COOKIE] = forge(client.cookies[VIEWED_COOKIE].value, shop[0].pk)

    home = client.get("/")
    artwork = client.get(shop[2].get_absolute_url())

    assert home.status_code == 200 and "Because you looked at" not in home.content.decode()
    assert artwork.status_code == 200
    assert _looked_at(client) == [shop[2].pk]  # the page wrote a fresh, valid list


def test_a_visitors_picks_cost_the_same_few_queries_however_much_they_looked_at(shop):
    counts = []
    for seen in ([shop[0].pk], [shop[0].pk, shop[2].pk, shop[4].pk]):
        with CaptureQueriesContext(connection) as queries:
            serving.recommendations_for_visitor(seen_ids=seen, n=4)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 4


def test_the_cms_report_lists_each_training_with_its_choice_and_figures(client, admin_user, shop, train):
    train()
    client.force_login(admin_user)

    response = client.get("/cms/recommendations/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "w-slim-header" in html or "w-header" in html
    assert html.count("<tr data-version") == 2
    assert "Now serving" in html and "<svg" in html


def test_the_cms_report_is_for_admins_only(client, shop):
    client.force_login(make_buyer())
    assert client.get("/cms/recommendations/").status_code in (302, 403)
