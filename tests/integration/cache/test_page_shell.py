"""The page shell's parts kept per process (artiqo.core.templatetags.site_chrome) stay each viewer's own.

The footer is rendered once per kind of viewer and the header's fixed links once per
process; what the header says of this request (cart count, where "Log in" comes back
to, the current section) is worked out on every request. Each test asks the same process
as one kind of viewer and then another, so a kept copy of the first would show.
"""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse, set_script_prefix

from artiqo.core.links import static_fixed, url_fixed
from artists.services import artist_create
from tests.factories.orders import make_basket

pytestmark = pytest.mark.django_db


def _footer(client, url: str = "/shop/catalogue/") -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split('<footer class="site-footer">', 1)[1]


def _header(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split("</header>", 1)[0]


def test_the_footer_invites_visitors_and_buyers_to_become_artists_and_sends_artists_to_their_studio(
        storefront_catalogue, buyer):
    visitor, shopper, painter = Client(), Client(), Client()
    shopper.force_login(buyer)
    painter.force_login(storefront_catalogue["artists"]["mira"].user)
    for _round in range(2):  # the second round is served from what the first kept
        seen = _footer(visitor)
        assert "Become an artist" in seen and "Your studio" not in seen
        assert 'href="/shop/accounts/login/"' in seen and "/shop/accounts/orders/" not in seen
        mine = _footer(shopper)
        assert "Become an artist" in mine and "Your studio" not in mine
        assert "/shop/accounts/orders/" in mine and 'href="/shop/accounts/login/"' not in mine
        studio = _footer(painter)
        assert "Your studio" in studio and "Become an artist" not in studio


def test_a_buyer_who_becomes_an_artist_finds_their_studio_in_the_footer_on_the_next_page(
        storefront_catalogue, buyer):
    client = Client()
    client.force_login(buyer)
    assert "Become an artist" in _footer(client)
    artist_create(name="Ada Brushwood", email=buyer.email, user=buyer)
    assert "Your studio" in _footer(client)


def test_the_headers_cart_count_and_log_in_link_follow_each_request(storefront_catalogue, buyer):
    harbour, fjord = storefront_catalogue["works"]["harbour"], storefront_catalogue["works"]["fjord"]
    visitor = Client()
    for page in (harbour.get_absolute_url(), fjord.get_absolute_url(), "/shop/catalogue/?vibe=calm"):
        header = _header(visitor, page)
        # "Log in" brings the visitor back to the page they were on, not a page seen before.
        assert f'href="/shop/accounts/login/?next={page.replace("?", "%3F").replace("=", "%3D")}"' in header
        assert '<span class="cart-count" aria-label="0 items in your cart">0</span>' in header
    assert 'aria-current="page">Browse</a>' in _header(visitor, "/shop/catalogue/")
    assert 'aria-current="page">Browse</a>' not in _header(visitor, "/artists/")
    shopper = Client()
    shopper.force_login(buyer)
    assert '<span class="cart-count" aria-label="0 items in your cart">0</span>' in _header(
        shopper, harbour.get_absolute_url())
    make_basket(buyer, harbour, fjord)
    assert '<span class="cart-count" aria-label="2 items in your cart">2</span>' in _header(
        shopper, harbour.get_absolute_url())
    # The visitor still has an empty cart after the buyer filled theirs.
    assert '<span class="cart-count" aria-label="0 items in your cart">0</span>' in _header(
        visitor, harbour.get_absolute_url())


def test_links_kept_per_process_follow_the_prefix_the_shop_is_served_under(storefront_catalogue):
    assert url_fixed("catalogue:index") == "/shop/catalogue/"
    set_script_prefix("/gallery/")
    try:
        # A shop served under /gallery/ (SCRIPT_NAME) links there, whatever was kept before.
        assert url_fixed("catalogue:index") == "/gallery/shop/catalogue/" == reverse("catalogue:index")
    finally:
        set_script_prefix("/")
    assert url_fixed("catalogue:index") == "/shop/catalogue/"


def test_static_files_kept_per_process_follow_the_static_settings(settings):
    assert static_fixed("artiqo/css/artiqo.css") == "/static/artiqo/css/artiqo.css"
    settings.STATIC_URL = "/assets/"
    assert static_fixed("artiqo/css/artiqo.css") == "/assets/artiqo/css/artiqo.css"
