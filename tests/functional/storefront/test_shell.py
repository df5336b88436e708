"""The Artiqo shell around every page: header, cart count, local assets only, friendly error pages."""
import re

import pytest

from tests.factories.orders import make_basket


def asset_urls(html: str) -> list[str]:
    return re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/shop/catalogue/", "/artists/", "/shop/accounts/login/", "/shop/basket/"])
def test_pages_load_only_local_assets(client, storefront_catalogue, url):
    html = client.get(url).content.decode()
    assert "site-header" in html and 'action="/shop/search/"' in html
    assert all(src.startswith("/") and not src.startswith("//") for src in asset_urls(html)), asset_urls(html)


@pytest.mark.django_db
def test_the_header_counts_the_items_in_the_cart(client, storefront_catalogue, buyer):
    make_basket(buyer, storefront_catalogue["works"]["harbour"], storefront_catalogue["works"]["fjord"])
    client.force_login(buyer)
    html = client.get("/shop/catalogue/").content.decode()
    assert '<span class="cart-count" aria-label="2 items in your cart">2</span>' in html


@pytest.mark.django_db
def test_artists_get_a_studio_link_and_buyers_do_not(client, storefront_catalogue, buyer):
    client.force_login(buyer)
    assert 'href="/studio/"' not in client.get("/artists/").content.decode().split("</header>")[0]
    client.force_login(storefront_catalogue["artists"]["mira"].user)
    assert 'href="/studio/"' in client.get("/artists/").content.decode().split("</header>")[0]


@pytest.mark.django_db
def test_an_unknown_page_is_a_friendly_404_in_the_shell(client, site_tree):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content and b"site-header" in response.content


@pytest.mark.django_db
def test_the_shop_dashboard_keeps_its_own_look_on_the_shared_base(client, site_tree, admin_user):
    client.force_login(admin_user)
    response = client.get("/shop/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "oscar/css/dashboard.css" in html and "artiqo/css/artiqo.css" not in html
    assert all(src.startswith("/") and not src.startswith("//") for src in asset_urls(html)), asset_urls(html)


@pytest.mark.django_db
def test_the_dashboard_menu_offers_only_what_artiqo_uses_and_its_home_does_not_reload_itself(
        client, site_tree, admin_user):
    client.force_login(admin_user)
    html = client.get("/shop/dashboard/").content.decode()
    assert 'http-equiv="refresh"' not in html
    assert "artiqo/css/dashboard.css" in html and "artiqo/js/dashboard.js" in html
    for gone in ("/shop/dashboard/offers/", "/shop/dashboard/vouchers/", "/shop/dashboard/ranges/",
                 "/shop/dashboard/pages/", "/shop/dashboard/reviews/", "/shop/dashboard/users/alerts/"):
        assert f'href="{gone}"' not in html, gone
    for kept in ("/shop/dashboard/orders/", "/shop/dashboard/catalogue/", "/shop/dashboard/partners/",
                 "/shop/dashboard/users/", "/shop/dashboard/reports/"):
        assert f'href="{kept}"' in html, kept


@pytest.mark.django_db
def test_a_visitor_with_a_cart_cookie_sees_its_items_counted(client, storefront_catalogue, settings):
    from django.core.signing import Signer

    basket = make_basket(None, storefront_catalogue["works"]["harbour"])
    client.cookies[settings.OSCAR_BASKET_COOKIE_OPEN] = Signer().sign(basket.id)
    html = client.get("/shop/catalogue/").content.decode()
    assert '<span class="cart-count" aria-label="1 item in your cart">1</span>' in html


@pytest.mark.django_db
def test_a_visitor_without_a_cart_sees_zero_without_a_cart_being_loaded(client, storefront_catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/shop/catalogue/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/shop/catalogue/").content.decode()
    assert '<span class="cart-count" aria-label="0 items in your cart">0</span>' in html
    assert not [query for query in queries.captured_queries if "basket" in query["sql"] or "offer" in query["sql"]]


@pytest.mark.django_db
def test_pages_are_sent_compressed_to_browsers_that_accept_it(client, storefront_catalogue):
    import gzip

    plain = client.get("/shop/catalogue/")
    packed = client.get("/shop/catalogue/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip" and len(packed.content) < len(plain.content) / 3
    assert b"Browse art" in gzip.decompress(packed.content)
