"""An artwork's page is kept whole for visitors (artiqo.core.pages), yet each gets what is theirs.

The page is rendered once per catalogue version for visitors with no state of their own;
each request fills in its own CSP nonce, CSRF token and "because you looked at" picks.
Visitors with state (a message waiting, a cart, an account) and works whose page counts
down (reserved) are rendered for them alone.
"""
from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.catalogue import make_buyer
from tests.factories.orders import make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def harbour(storefront_catalogue):
    return storefront_catalogue["works"]["harbour"]


def _one(pattern: str, html: str) -> str:
    found = set(re.findall(pattern, html))
    assert len(found) == 1, (pattern, found)
    return found.pop()


def _rendered(page) -> bool:
    return "oscar/catalogue/detail.html" in [template.name for template in page.templates]


def test_visitors_on_a_kept_artwork_page_each_get_their_own_nonce_and_a_csrf_token_that_works(harbour):
    visitors = [Client(enforce_csrf_checks=True) for _ in range(3)]
    pages = [visitor.get(harbour.get_absolute_url()) for visitor in visitors]
    # The first visitor's page was rendered; the others' came from the cache.
    assert [_rendered(page) for page in pages] == [True, False, False]
    nonces, tokens = set(), set()
    for visitor, page in zip(visitors, pages):
        html = page.content.decode()
        assert page.status_code == 200 and "Harbour at Dusk" in html and "artiqo-hole" not in html
        nonce = _one(r'nonce="([^"]+)"', html)
        assert f"'nonce-{nonce}'" in page["Content-Security-Policy"]
        token = _one(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        added = visitor.post(reverse("basket:add", kwargs={"pk": harbour.pk}),
                             {"quantity": "1", "csrfmiddlewaretoken": token})
        # Their own token: the cart's form takes it and asks them to log in (a foreign one is a 403).
        assert added.status_code == 302 and added["Location"].startswith(reverse("customer:login")), added
        nonces.add(nonce), tokens.add(token)
    assert len(nonces) == 3 and len(tokens) == 3


def test_a_visitor_sent_back_with_a_problem_sees_it_on_the_kept_artwork_page(client, harbour):
    client.get(harbour.get_absolute_url())  # the page is kept

    answer = client.post(reverse("basket:add", kwargs={"pk": harbour.pk}), {"quantity": "0"}, follow=True)

    assert answer.redirect_chain[-1][0] == harbour.get_absolute_url()
    assert "Choose how many to add" in answer.content.decode()
    assert "Choose how many to add" not in Client().get(harbour.get_absolute_url()).content.decode()


def test_a_buyer_never_gets_the_page_kept_for_visitors(client, harbour, buyer):
    assert "Log in" in Client().get(harbour.get_absolute_url()).content.decode()

    client.force_login(buyer)
    html = client.get(harbour.get_absolute_url()).content.decode()

    assert "Log out" in html and "You will be asked to log in first" not in html


def test_a_work_reserved_after_its_page_was_kept_shows_reserved_to_the_next_visitor(harbour):
    assert "Available · one of a kind" in Client().get(harbour.get_absolute_url()).content.decode()

    make_order(make_buyer(), harbour)  # another buyer's checkout holds it while they pay
    html = Client().get(harbour.get_absolute_url()).content.decode()

    assert "Reserved — another buyer is paying for it right now" in html and "Add to cart" not in html
