"""Every CMS screen Artiqo adds shows Wagtail's own header, never the shop's search form."""
import re

import pytest
from django.urls import reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

pytestmark = pytest.mark.django_db

ARTIQO_APPS = ("artiqo", "artists", "storefront", "search", "recommend")
# Fields only the shop's search form has (artist, vibe, medium, price range, ...).
SHOP_SEARCH_FIELDS = re.compile(r'name="(min_price|max_price|vibe|medium|counts)"')


def _artiqo_screens(user):
    """The listing and "add" screens of every Wagtail model viewset of Artiqo's apps."""
    if not viewsets.viewsets:
        viewsets.populate()
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet) and viewset.model.__module__.startswith(ARTIQO_APPS):
            yield reverse(viewset.get_url_name("index"))
            if viewset.permission_policy.user_has_permission(user, "add"):
                yield reverse(viewset.get_url_name("add"))
    yield reverse("billing_revenue_report")


def test_every_cms_listing_artiqo_adds_has_wagtails_header_and_no_shop_search(client, admin_user):
    client.force_login(admin_user)
    screens = list(_artiqo_screens(admin_user))
    assert {"/cms/billing/plans/", "/cms/billing/plans/new/", "/cms/outbox/"} <= set(screens)
    for url in screens:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "w-slim-header" in html or "w-header" in html, f"{url} has no Wagtail header"
        assert not SHOP_SEARCH_FIELDS.search(html), f"{url} renders the shop's search form"


def test_future_dates_in_cms_listings_say_when_instead_of_just_now(client, admin_user, artwork):
    from tests.factories.billing import make_feature

    make_feature(artwork, days=21, starts_in=2.01)
    client.force_login(admin_user)
    html = client.get("/cms/billing/features/").content.decode().replace("\xa0", " ")
    assert "in 2 days" in html and "in 3 weeks" in html
    assert "just now" not in html.lower()


def test_the_revenue_report_is_headed_revenue_report(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/cms/billing/revenue/").content.decode()
    header = html[html.index("w-slim-header"):html.index("</header>", html.index("w-slim-header"))]
    assert "Revenue report" in header and ">Home<" not in header
