"""The lists on the pages: the template tags ("Recommended for you" / "Popular right now", similar works)."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from tests.factories.catalogue import make_artist, make_buyer, make_vibe
from tests.factories.recommend import make_dated_order, make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(site_tree, train):
    calm = make_vibe("calm")
    works = [make_edition(make_artist(), title=f"Work {n}", description=f"scene{n % 2}", vibe=calm) for n in range(4)]
    for _ in range(2):
        make_dated_order(make_buyer(), works[0], works[1], days_ago=3)
    train()
    return works


def render(source: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load recommend_tags %}" + source).render(Context({"request": request, **context}))


def test_a_buyer_with_a_history_sees_recommended_for_you_with_reasons(shop):
    buyer = make_buyer()
    make_dated_order(buyer, shop[0], days_ago=1)

    html = render("{% recommendations_for_user %}", buyer)

    assert "Recommended for you" in html
    assert "Because you bought Work 0" in html
    assert shop[1].get_absolute_url() in html


def test_a_visitor_sees_popular_right_now(shop):
    html = render("{% recommendations_for_user 3 %}", AnonymousUser())

    assert "Popular right now" in html
    assert "Recommended for you" not in html
    assert html.count('class="art-card reco-card"') == 3


def test_the_similar_artworks_tag_shows_buyers_also_liked_and_more_with_this_vibe(shop):
    html = render("{% similar_artworks product %}", AnonymousUser(), product=shop[0])

    assert "Buyers of this also liked" in html
    assert "Buyers of Work 0 also liked this" in html
    assert "More with this vibe" in html
    assert shop[1].get_absolute_url() in html


def test_the_artwork_page_loads_its_similar_works_from_the_api(client, shop):
    page = client.get(shop[0].get_absolute_url()).content.decode()
    url = f"/api/v1/products/{shop[0].pk}/similar"
    assert url in page

    body = client.get(url, {"limit": 6}).json()

    assert [r["artwork"]["id"] for r in body["buyers_also_liked"]] == [shop[1].pk]


def test_a_failing_list_leaves_the_page_standing(shop, monkeypatch, caplog):
    from recommend import serving

    def broken(**kwargs):
        raise RuntimeError("model file vanished")

    monkeypatch.setattr(serving, "recommendations_for_user", broken)

    html = render("<main>{% recommendations_for_user %}</main>", AnonymousUser())

    assert html.replace("\n", "") == "<main></main>"
    assert "model file vanished" in caplog.text
