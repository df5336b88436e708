"""`manage.py setup_artiqo`, what `make run` calls: a ready shop on the first run, no change on the next."""
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from haystack.query import SearchQuerySet
from oscar.core.loading import get_model
from wagtail.models import Site

from artists.models import ArtistIndexPage
from storefront.billing.models import FeaturedListing
from storefront.cms.models import EditorialPage, HomePage
from tests.factories.demo import TINY, TODAY

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def static_root(settings, tmp_path):
    settings.STATIC_ROOT = str(tmp_path / "static")
    return tmp_path / "static"


def _setup(**options) -> str:
    out = io.StringIO()
    call_command("setup_artiqo", stdout=out, today=TODAY, **{**TINY, **options})
    return out.getvalue()


def test_the_first_run_builds_a_ready_shop(static_root):
    output = _setup()
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert ArtistIndexPage.objects.live().count() == 1
    assert Product.objects.count() == TINY["artworks"] and Order.objects.count() == TINY["orders"]
    assert SearchQuerySet().models(Product).count() == TINY["artworks"]
    assert (static_root / "artiqo").is_dir()
    assert "artiqo-admin" in output and "artiqo-buyer" in output and "artiqo-artist" in output
    assert "buyer@mail.artiqo.example" in output  # the shop's login form asks for the email


def test_the_second_run_changes_nothing(static_root):
    _setup()
    before = (Product.objects.count(), Order.objects.count(), HomePage.objects.count(), FeaturedListing.objects.count())
    output = _setup(artworks=40)
    assert (Product.objects.count(), Order.objects.count(), HomePage.objects.count(),
            FeaturedListing.objects.count()) == before
    assert "already loaded" in output
    assert SearchQuerySet().models(Product).count() == TINY["artworks"]


def test_without_demo_data_the_shop_starts_empty(static_root):
    output = _setup(no_demo=True)
    assert Product.objects.count() == 0 and HomePage.objects.count() == 1
    assert "artiqo-admin" not in output


def test_about_and_how_it_works_are_real_pages_that_setup_never_overwrites(client, static_root):
    _setup(no_demo=True)
    about, how = client.get("/about/"), client.get("/how-it-works/")
    assert about.status_code == 200 and "Every work has a vibe" in about.content.decode()
    assert how.status_code == 200 and 'href="/studio/apply/"' in how.content.decode()
    page = EditorialPage.objects.get(slug="about")
    page.title = "Our story"
    page.save_revision().publish()
    _setup(no_demo=True)
    assert list(EditorialPage.objects.filter(slug="about").values_list("title", flat=True)) == ["Our story"]
    footer = client.get("/").content.decode()
    assert 'href="/about/"' in footer and 'href="/how-it-works/"' in footer


def test_the_demo_shop_features_a_few_available_works_on_the_home_page_and_first_in_browse(client, static_root):
    from demo.featured import DEMO_FEATURES

    _setup()
    featured = set(FeaturedListing.objects.live().values_list("artwork__title", flat=True))
    assert len(featured) == DEMO_FEATURES
    home = client.get("/")
    assert {artwork.title for artwork in home.context["featured_artworks"]} == featured
    browse = client.get("/shop/catalogue/")
    assert {artwork.title for artwork in browse.context["artworks"][:DEMO_FEATURES]} == featured
    assert browse.content.decode().count(">Featured</span>") == DEMO_FEATURES


def test_the_demo_artist_starts_on_free_and_can_see_pro_with_a_lower_commission(client, static_root):
    from artists.models import Artist
    from demo.plan import ARTIST_LOGIN
    from storefront.billing.models import SubscriptionPlan
    from storefront.billing.selectors import commission_rate_for, marketplace_settings, plan_effective

    _setup()
    free, pro = SubscriptionPlan.objects.order_by("position")
    assert (free.name, free.is_default, free.is_free, free.max_listed_works is not None) == ("Free", True, True, True)
    assert pro.name == "Pro" and pro.monthly_price > 0 and pro.max_listed_works is None
    assert pro.commission_rate < marketplace_settings().commission_rate
    artist = Artist.objects.get(user__username=ARTIST_LOGIN[0])
    assert plan_effective(artist=artist) == free
    assert commission_rate_for(artist=artist) == marketplace_settings().commission_rate

    client.force_login(artist.user)
    page = client.get("/studio/billing/plans/").content.decode()
    assert "No plans are set up yet" not in page
    assert "Free" in page and "Pro" in page


def test_a_demo_loaded_before_plans_existed_gets_them_and_an_admins_plans_are_left_alone(static_root):
    from storefront.billing.models import SubscriptionPlan

    _setup()
    SubscriptionPlan.objects.all().delete()
    output = _setup()
    assert "subscription plans" in output
    assert sorted(SubscriptionPlan.objects.values_list("slug", flat=True)) == ["free", "pro"]

    SubscriptionPlan.objects.filter(slug="pro").update(monthly_price="29.00")
    SubscriptionPlan.objects.filter(slug="free").delete()
    _setup()
    assert list(SubscriptionPlan.objects.values_list("slug", "monthly_price")) == [("pro", Decimal("29.00"))]
