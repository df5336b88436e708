"""Every page each role can reach, at 1280 and 390 px, checked (tests/e2e/walker.py) and screenshotted.

One demo shop (the demo loader's tiny build with its buyer, artist and admin logins, plus
an artist application and a special order), one browser context per role. The CMS pages
are read from the URL map: every view Wagtail serves for an Artiqo model (listings, create,
edit, inspect, delete, history, usage), Artiqo's own CMS views, each Artiqo page type's
create and edit views and each Artiqo setting, so a new CMS view is walked without being
listed here; likewise each page of Oscar's dashboard menu (OSCAR_DASHBOARD_NAVIGATION).
Screenshots: <ARTIQO_E2E_SCREENSHOTS>/every-page/.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import URLResolver, get_resolver, reverse
from oscar.core.loading import get_model
from playwright.sync_api import expect
from wagtail.models import Page

from collectors.services import digest_unsubscribe_token
from storefront.billing.services import subscription_choose
from storefront.cms.services import editorial_pages_ensure
from tests.e2e.walker import AXE, AXE_TAGS, PageChecker
from tests.factories.api import client_for
from tests.factories.billing import save_card
from tests.factories.catalogue import make_buyer
from tests.factories.demo import demo_build
from tests.factories.studio import make_special_order, special_order_walk

# The walk checks pages, not the database: CI runs it once, in the SQLite run
# (tests/conftest.py: ONE_CI_RUN).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The project's own packages: models and views defined in them are Artiqo's.
ROOT = Path(__file__).resolve().parents[2]
ARTIQO_PACKAGES = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests"}

# Wagtail views for a model that are not pages of their own: the listings' AJAX results and
# history results (HTML fragments the listing fetches), choosers (modal dialogs answered as
# JSON, opened from a page's editor) and "copy" (the create form again, filled in).
NOT_PAGES = re.compile(r"(^|[_:])(results|choose|chosen|chosen_multiple|copy)$|chooser")

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def _is_artiqo(obj) -> bool:
    return obj is not None and getattr(obj, "__module__", "").split(".")[0] in ARTIQO_PACKAGES


def _cms_routes():
    """(URL name, model or None, needs a pk) of every CMS view for an Artiqo model or from Artiqo's code."""

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
            else:
                yield namespace, pattern

    cms = next(p for p in get_resolver().url_patterns if str(p.pattern) == "cms/")
    for namespace, pattern in walk(cms):
        view = pattern.callback
        view_class = getattr(view, "view_class", None)
        model = (getattr(view, "view_initkwargs", None) or {}).get("model")
        if isinstance(model, str):
            model = apps.get_model(model)
        if not pattern.name or NOT_PAGES.search(f"{namespace}{pattern.name}"):
            continue
        if _is_artiqo(model) or _is_artiqo(view_class or view):
            yield f"{namespace}{pattern.name}", model, bool(pattern.pattern.converters)


def _cms_pages() -> list[tuple[str, str]]:
    """(label, path) of the CMS pages Artiqo adds, with the first object of each model for views that need one."""
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.models import get_page_models

    pages = [("cms-dashboard", "/cms/")]
    missing = []
    for name, model, needs_pk in _cms_routes():
        if needs_pk:
            obj = model._default_manager.order_by("pk").first()
            if obj is None:
                missing.append(name)
                continue
            pages.append((f"cms-{name}", reverse(name, args=[obj.pk])))
        else:
            pages.append((f"cms-{name}", reverse(name)))
    for model in settings_registry:
        if _is_artiqo(model):
            pages.append((f"cms-setting-{model._meta.model_name}",
                          reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name])))
    home = Page.objects.get(depth=2, slug="home")
    pages.append(("cms-explorer", reverse("wagtailadmin_explore", args=[home.pk])))
    for model in get_page_models():
        if not _is_artiqo(model):
            continue
        page = model.objects.order_by("pk").first()
        if page is None:
            missing.append(model.__name__)
        else:
            pages.append((f"cms-edit-{model.__name__}", reverse("wagtailadmin_pages:edit", args=[page.pk])))
        parent = next((p for p in Page.objects.order_by("depth", "pk")
                       if model in p.specific_class.allowed_subpage_models() and model.can_create_at(p)), None)
        if parent is not None:
            pages.append((f"cms-add-{model.__name__}", reverse(
                "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])))
    assert not missing, f"the demo shop has nothing to open these CMS views with: {missing}"
    return pages


@pytest.fixture
def demo_shop():
    demo_build()
    editorial_pages_ensure()
    User = get_user_model()
    buyer, artist_user = User.objects.get(username="buyer"), User.objects.get(username="artist")
    # An application waiting for a decision (the CMS's decide view) and a quoted special order.
    applicant = make_buyer("applicant")
    response = client_for(applicant).post("/api/v1/studio/application", {
        "name": "Ines Vale", "about": "Large linocuts of harbour cranes and the people who work them."},
        format="json")
    assert response.status_code == 201, response.content
    artist = artist_user.artist
    artist.accepts_commissions = True
    artist.save(update_fields=["accepts_commissions"])
    # The demo's own special order to the artist when it has one (their one commission slot is full).
    special_order = special_order_walk(artist.special_orders.filter(buyer=buyer).first()
                                       or make_special_order(buyer, artist), "quoted")
    # The artist on the paid plan, paid with a saved test card (a subscription and a charge for the CMS).
    save_card(artist_user)
    subscription_choose(artist=artist, plan=apps.get_model("billing", "SubscriptionPlan").objects
                        .filter(monthly_price__gt=0).order_by("pk").first(), request_key="walk")
    # A themed collection, the one Artiqo page type the demo shop has none of.
    home = Page.objects.get(depth=2, slug="home")
    home.add_child(instance=apps.get_model("cms", "CollectionPage")(title="Quiet water", slug="quiet-water",
                                                                          rule_max_price=300))
    return {"buyer": buyer, "artist": artist, "special_order": special_order}


def _dashboard_pages(shop) -> list[tuple[str, str]]:
    """(label, path) of each page Oscar's dashboard menu offers the admin, one order and one work to edit."""
    pages = []
    for section in settings.OSCAR_DASHBOARD_NAVIGATION:
        for item in [section, *section.get("children", [])]:
            if item.get("url_name"):
                pages.append((item["url_name"].replace(":", "-"), reverse(item["url_name"])))
    order = shop["buyer"].orders.order_by("-date_placed").first()
    work = shop["artist"].artworks.order_by("pk").first()
    pages += [("dashboard-order", reverse("dashboard:order-detail", args=[order.number])),
              ("dashboard-product-edit", reverse("dashboard:catalogue-product", args=[work.pk]))]
    return pages


def _log_in(page, login: str, password: str, next_url: str):
    page.goto(f"/shop/accounts/login/?next={next_url}")
    page.fill("#id_login-username", login)
    page.fill("#id_login-password", password)
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def _shop_pages(shop) -> list[tuple[str, str]]:
    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    work = Product.objects.filter(stockrecords__num_in_stock__gt=0).order_by("pk").first()
    category = Category.objects.order_by("pk").first()
    return [
        ("home", "/"),
        ("browse", "/shop/catalogue/"),
        ("browse-filtered", "/shop/catalogue/?vibe=calm&sort=price&available=1"),
        ("category", category.get_absolute_url()),
        ("artwork", work.get_absolute_url()),
        ("artists", "/artists/"),
        ("artist-showcase", shop["artist"].get_absolute_url()),
        ("search", "/shop/search/?q=sea"),
        ("search-nothing", "/shop/search/?q=zzqx"),
        ("about", "/about/"),
        ("how-it-works", "/how-it-works/"),
        ("collection", "/quiet-water/"),
        ("basket", "/shop/basket/"),
        _offer_work_page(),
    ]


def _review_pages(shop) -> list[tuple[str, str]]:
    """The buyer's reviewed work (its reviews and the edit form) and the form for one received, not yet reviewed."""
    from storefront.catalogue.reviews.models import ProductReview
    from storefront.catalogue.reviews.selectors import RECEIVED

    review = ProductReview.objects.filter(user=shop["buyer"]).select_related("product").order_by("pk").first()
    line = (get_model("order", "Line").objects.filter(RECEIVED, order__user=shop["buyer"], review__isnull=True)
            .select_related("product").order_by("pk").first())
    assert review is not None and line is not None, "the demo buyer has no review, or no work left to review"
    return [("artwork-with-reviews", review.product.get_absolute_url()),
            ("review-edit", f"{review.product.get_absolute_url()}reviews/write/"),
            ("review-write", f"{line.product.get_absolute_url()}reviews/write/")]


def _offer_work_page() -> tuple[str, str]:
    """The page of a work that takes offers (its "Make an offer" box)."""
    from price_offers.models import OfferTerms

    terms = OfferTerms.objects.filter(accepts_offers=True).select_related("product").order_by("-pk").first()
    assert terms is not None, "the demo shop has no work that takes offers"
    return ("artwork-takes-offers", terms.product.get_absolute_url())


def test_every_page_of_every_role_passes_the_checks_at_both_widths(open_page, demo_shop, _screenshot_root):
    assert AXE.exists(), f"{AXE} is missing: `make install-dev` installs axe-core from package-lock.json"
    folder = _screenshot_root / "every-page"
    folder.mkdir(parents=True, exist_ok=True)
    checker = PageChecker(folder, AXE_OPTIONS)
    started = time.monotonic()
    shop = demo_shop

    def new_page():
        page = open_page()
        checker.watch(page)
        return page

    # A visitor.
    page = new_page()
    certificate = apps.get_model("artists", "Certificate").objects.filter(revoked_at__isnull=True).first()
    assert certificate is not None, "the demo shop's sales have no certificate of authenticity"
    for label, path in [*_shop_pages(shop), ("certificate-verify", certificate.get_absolute_url()),
                        ("login", "/shop/accounts/login/"),
                        ("register", "/shop/accounts/register/"), ("password-reset", "/shop/password-reset/"),
                        ("digest-unsubscribe",
                         f"/following/unsubscribe/{digest_unsubscribe_token(user=shop['buyer'])}/")]:
        checker.visit(page, path, label, "anonymous")

    # The buyer: account pages, special orders, becoming an artist, then the checkout to the thank-you page.
    page = new_page()
    _log_in(page, "buyer@mail.artiqo.example", "artiqo-buyer", "/shop/accounts/orders/")
    order = shop["buyer"].orders.order_by("-date_placed").first()
    special_order = shop["special_order"]
    buyer_pages = [
        ("account", "/shop/accounts/"),
        ("profile", "/shop/accounts/profile/"),
        ("profile-edit", "/shop/accounts/profile/edit/"),
        ("change-password", "/shop/accounts/change-password/"),
        ("orders", "/shop/accounts/orders/"),
        ("order", f"/shop/accounts/orders/{order.number}/"),
        ("addresses", "/shop/accounts/addresses/"),
        ("address-add", "/shop/accounts/addresses/add/"),
        ("emails", "/shop/accounts/emails/"),
        ("offers", "/shop/accounts/offers/"),
        *_review_pages(shop),
        ("favourites", "/shop/accounts/favourites/"),
        ("following", "/shop/accounts/following/"),
        ("special-orders", "/special-orders/"),
        ("special-order", f"/special-orders/{special_order.pk}/"),
        ("special-order-new", f"/special-orders/new/{shop['artist'].slug}/"),
        ("waitlist", f"/special-orders/waitlist/{shop['artist'].slug}/"),
        ("become-an-artist", "/studio/apply/"),
        # The shop's pages a signed-in buyer sees otherwise (the header's account links, recommendations).
        *[(label, path) for label, path in _shop_pages(shop) if label in {"home", "artwork", "artist-showcase",
                                                                                   "artwork-takes-offers"}],
    ]
    # The request form itself, at an artist with no limit (the demo's own artist may be full: its waitlist instead).
    open_artist = (apps.get_model("artists", "Artist").objects.filter(accepts_commissions=True,
                                                                      commission_slots__isnull=True)
                   .exclude(pk=shop["artist"].pk).order_by("pk").first())
    if open_artist is not None:
        buyer_pages.append(("special-order-new-open", f"/special-orders/new/{open_artist.slug}/"))
    address = shop["buyer"].addresses.order_by("pk").first()
    if address is not None:
        buyer_pages.append(("address", f"/shop/accounts/addresses/{address.pk}/"))
    for label, path in buyer_pages:
        checker.visit(page, path, label, "buyer")
    email = get_model("communication", "Email").objects.filter(user=shop["buyer"]).order_by("pk").first()
    if email is not None:
        checker.visit(page, f"/shop/accounts/emails/{email.pk}/", "email", "buyer")

    page.goto(dict(_shop_pages(shop))["artwork"])
    page.get_by_role("button", name="Add to cart").click()
    checker.check(page, "basket-with-work", "buyer")
    page.goto("/shop/checkout/")
    checker.check(page, "checkout-shipping-address", "buyer")
    page.get_by_role("button", name="Deliver here").first.click()
    checker.check(page, "checkout-delivery", "buyer")
    page.get_by_role("button", name=re.compile(r"^Choose")).first.click()
    checker.check(page, "checkout-preview", "buyer")
    page.get_by_role("button", name=re.compile("Place order and pay")).click()
    expect(page.get_by_text("Artiqo test gateway")).to_be_visible()
    checker.check(page, "hosted-payment-page", "buyer")
    page.fill("input[name=card_number]", "4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(page).to_have_url(re.compile(r"/thank-you/$"))
    checker.check(page, "thank-you", "buyer")

    # The artist: the studio.
    page = new_page()
    _log_in(page, shop["artist"].user.email, "artiqo-artist", "/studio/")
    work = shop["artist"].artworks.order_by("pk").first()
    studio_pages = [
        ("studio", "/studio/"),
        ("works", "/studio/artworks/"),
        ("upload", "/studio/artworks/new/"),
        ("orders", "/studio/orders/"),
        ("special-orders", "/studio/special-orders/"),
        ("special-order", f"/studio/special-orders/{special_order.pk}/"),
        ("offers", "/studio/offers/"),
        ("showcase", "/studio/showcase/"),
        ("certificates", "/studio/certificates/"),
        ("waitlist", "/studio/waitlist/"),
        ("numbers", "/studio/numbers/"),
        ("billing", "/studio/billing/"),
        ("plans", "/studio/billing/plans/"),
        ("features", "/studio/billing/features/"),
        ("renewal", "/studio/billing/renewal/"),
        ("payouts", "/studio/payouts/"),
        ("work-edit", f"/studio/artworks/{work.pk}/"),
    ]
    for label, path in studio_pages:
        checker.visit(page, path, label, "artist")

    # The admin: every CMS page Artiqo adds, then each page of Oscar's dashboard menu.
    page = new_page()
    _log_in(page, "admin@artiqo.example", "artiqo-admin", "/cms/")
    for label, path in [*_cms_pages(), *_dashboard_pages(shop)]:
        checker.visit(page, path, label, "admin")

    seconds = time.monotonic() - started
    print(f"\nwalked {checker.count} pages x 2 widths in {seconds:.0f} s")
    assert not checker.problems, f"{len(checker.problems)} problems on {checker.count} pages:\n" + "\n".join(
        checker.problems)
