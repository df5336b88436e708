"""The buyer's profile page shows "Recommended for you" from their orders, in a bounded number of queries."""
import pytest

from tests.factories.catalogue import make_artist, make_buyer
from tests.factories.recommend import make_dated_order, make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(site_tree, train):
    works = [make_edition(make_artist(), title=f"Work {n}", description=f"scene{n % 2}") for n in range(4)]
    for _ in range(2):
        make_dated_order(make_buyer(), works[0], works[1], days_ago=3)
    train()
    return works


def test_a_buyer_with_orders_sees_recommended_for_you_on_their_profile(client, shop, django_assert_max_num_queries):
    buyer = make_buyer()
    make_dated_order(buyer, shop[0], days_ago=1)
    client.force_login(buyer)

    with django_assert_max_num_queries(25):
        response = client.get("/shop/accounts/profile/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Recommended for you" in html and "Because you bought Work 0" in html
    assert shop[1].get_absolute_url() in html
    assert buyer.email in html  # Oscar's profile details are still there


def test_a_new_buyer_sees_popular_works_on_their_profile(client, shop):
    client.force_login(make_buyer())
    html = client.get("/shop/accounts/profile/").content.decode()
    assert "Popular right now" in html and "Recommended for you" not in html
