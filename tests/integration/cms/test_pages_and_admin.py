"""CMS pages render for visitors, and a new admin sets the fee, creates a plan and edits the home page."""
from decimal import Decimal

import pytest

from storefront.billing.models import MarketplaceSettings, SubscriptionPlan
from storefront.cms.models import CollectionPage, EditorialPage, HomePage
from tests.factories.billing import make_feature
from tests.factories.catalogue import make_artwork, make_vibe

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_home_page_shows_featured_works_and_the_editors_sections(client, site_tree, artist):
    featured = make_artwork(artist, title="Featured harbour")
    make_feature(featured)
    picked = make_artwork(artist, title="Picked field")
    home = HomePage.objects.get()
    home.body = [("artworks", {"heading": "Editors' picks", "text": "", "artworks": [picked]})]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Featured works" in html and "Featured harbour" in html
    assert "Editors&#x27; picks" in html and "Picked field" in html


def test_editorial_and_collection_pages_render(client, site_tree, artist):
    home = HomePage.objects.get()
    dreamy = make_vibe("dreamy")
    make_artwork(artist, title="Cloud study", vibe=dreamy, price=D("150.00"))
    home.add_child(instance=EditorialPage(title="About Artiqo", slug="about", intro="Art by local artists.",
                                          body=[("heading", "Why"), ("paragraph", "<p>Fair prices.</p>")]))
    home.add_child(instance=CollectionPage(title="Dreamy under 300", slug="dreamy", rule_vibe=dreamy,
                                           rule_max_price=D("300.00")))
    about = client.get("/about/")
    assert about.status_code == 200 and "Fair prices." in about.content.decode()
    collection = client.get("/dreamy/")
    assert collection.status_code == 200 and "Cloud study" in collection.content.decode()


def test_a_collection_rule_needs_at_least_one_condition(site_tree):
    from django.core.exceptions import ValidationError

    page = CollectionPage(title="Everything", slug="everything", selection="rule")
    with pytest.raises(ValidationError):
        page.full_clean()


def test_a_new_admin_sets_the_default_commission_in_the_cms(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/cms/settings/billing/marketplacesettings/", follow=True)
    assert page.status_code == 200 and "Default commission (%)" in page.content.decode()
    url = page.redirect_chain[-1][0]
    data = {"commission_rate": "12.50", "grace_period_days": 5, "feature_price_per_day": "3.00",
            "feature_max_days": 14, "home_featured_count": 6}
    assert client.post(url, data).status_code == 302
    assert MarketplaceSettings.load().commission_rate == D("12.50")
    data["commission_rate"] = "120"
    assert client.post(url, data).status_code == 200  # re-shown with the error
    assert MarketplaceSettings.load().commission_rate == D("12.50")


def test_a_new_admin_creates_a_plan_in_the_cms(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/cms/billing/plans/new/").status_code == 200
    response = client.post("/cms/billing/plans/new/", {
        "name": "Pro", "slug": "pro", "description": "For working artists", "monthly_price": "12.00",
        "max_listed_works": "", "commission_rate": "8.00", "highlight_commissions": "on", "is_active": "on",
        "position": 1,
    })
    assert response.status_code == 302
    plan = SubscriptionPlan.objects.get(slug="pro")
    assert (plan.monthly_price, plan.max_listed_works, plan.commission_rate) == (D("12.00"), None, D("8.00"))


def test_the_default_plan_must_be_free(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/cms/billing/plans/new/", {
        "name": "Odd", "slug": "odd", "monthly_price": "5.00", "is_default": "on", "is_active": "on", "position": 0,
    })
    assert response.status_code == 200 and "must be free" in response.content.decode()


def test_editors_choose_artworks_in_a_searchable_chooser(client, admin_user, artist):
    make_artwork(artist, title="Blue fjord")
    make_artwork(artist, title="Red barn")
    client.force_login(admin_user)
    response = client.get("/cms/artwork-chooser/results/?q=fjord")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Blue fjord" in html and "Red barn" not in html
    assert client.get("/cms/artist-chooser/?q=Mira").status_code == 200
