"""Artists, commissions and curation in the browser: special orders, uploads, the CMS."""
import datetime
import re

import pytest
from django.utils import timezone
from oscar.core.loading import get_model
from playwright.sync_api import expect

from commissions.models import SpecialOrder, SpecialOrderStatus
from storefront.billing.models import FeaturedListing, MarketplaceSettings
from storefront.order import statuses
from tests.e2e.test_buyer_journeys import _fill_address_and_delivery, _review_and_place
from tests.factories.catalogue import PASSWORD, png_bytes
from tests.factories.orders import make_country

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _log_in(page, username: str, password: str = PASSWORD, next_url: str = "/"):
    page.goto(f"/shop/accounts/login/?next={next_url}")
    page.fill("#id_login-username", username)
    page.fill("#id_login-password", password)
    page.locator("button[name=login_submit]").click()
    expect(page).to_have_url(re.compile(r"^https?://[^/]+" + re.escape(next_url) + r"$"))


def test_a_buyer_commissions_an_artist_who_quotes_in_the_studio_and_the_buyer_pays(
        open_page, storefront_catalogue, buyer, checkpoint):
    make_country()
    mira = storefront_catalogue["artists"]["mira"]
    in_a_month = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()

    buyer_page = open_page()
    _log_in(buyer_page, buyer.email, next_url=mira.get_absolute_url())
    buyer_page.get_by_role("link", name="Commission this artist").click()
    buyer_page.fill("#id_title", "Our harbour at dawn")
    buyer_page.fill("#id_description", "The harbour of the painting, at dawn, for our hallway.")
    buyer_page.fill("#id_budget", "500")
    buyer_page.fill("#id_wished_date", in_a_month)
    checkpoint(buyer_page, "special-order-form")
    buyer_page.get_by_role("button", name="Send the special order").click()
    expect(buyer_page.get_by_text("Our harbour at dawn").first).to_be_visible()
    special_order = SpecialOrder.objects.get(buyer=buyer)

    artist_page = open_page()
    _log_in(artist_page, mira.user.email, next_url="/studio/")
    artist_page.goto("/studio/special-orders/")
    artist_page.get_by_role("link", name=re.compile("Our harbour at dawn")).first.click()
    checkpoint(artist_page, "studio-special-order")
    artist_page.fill("#id_quote-price", "480.00")
    artist_page.fill("#id_quote-ready_by", in_a_month)
    artist_page.fill("#id_quote-note", "Oil on linen, 50 × 40.")
    artist_page.get_by_role("button", name="Send the quote").click()
    expect(artist_page.get_by_text(re.compile("480")).first).to_be_visible()
    special_order.refresh_from_db()
    assert special_order.status == SpecialOrderStatus.QUOTED

    buyer_page.reload()
    checkpoint(buyer_page, "quote-to-accept")
    buyer_page.get_by_role("button", name="Accept the quote").click()
    expect(buyer_page).to_have_url(re.compile(r"/shop/basket/$"))
    expect(buyer_page.get_by_text(re.compile("Our harbour at dawn — special order")).first).to_be_visible()
    checkpoint(buyer_page, "commission-in-cart")
    buyer_page.goto("/shop/checkout/")
    _fill_address_and_delivery(buyer_page)
    _review_and_place(buyer_page, "4242 4242 4242 4242")
    expect(buyer_page).to_have_url(re.compile(r"/thank-you/$"))
    [order] = Order.objects.filter(user=buyer)
    assert order.status == statuses.PAID and order.lines.get().line_price_incl_tax == 480


def test_an_artist_uploads_a_new_work_and_finds_it_in_search(page, artist, tmp_path, checkpoint):
    image = tmp_path / "tide.png"
    image.write_bytes(png_bytes((200, 120, 40), size=(320, 240)))
    _log_in(page, artist.user.email, next_url="/studio/")
    checkpoint(page, "studio")
    page.goto("/studio/artworks/new/")
    page.fill("#id_title", "Copper Tide")
    page.fill("#id_description", "Low sun on the water, copper and ink.")
    page.fill("#id_price", "260")
    page.set_input_files("#id_images", str(image))
    checkpoint(page, "upload-form")
    page.get_by_role("button", name="Put it on sale").click()
    expect(page.get_by_text("Copper Tide").first).to_be_visible()

    page.fill("#site-search-q", "copper tide")
    page.press("#site-search-q", "Enter")
    result = page.get_by_role("link", name=re.compile("Copper Tide")).first
    expect(result).to_be_visible()
    checkpoint(page, "found-in-search")
    result.click()
    expect(page.get_by_role("heading", name="Copper Tide")).to_be_visible()
    # The uploaded image is served and displayed.
    page.wait_for_function("() => { const img = document.querySelector('main img');"
                           " return img && img.complete && img.naturalWidth > 0; }")


def test_an_admin_features_a_work_and_sets_the_fee_in_the_cms(page, admin_user, artwork, checkpoint):
    _log_in(page, admin_user.email, next_url="/cms/")
    checkpoint(page, "cms-dashboard")

    page.goto("/cms/billing/features/new/")
    page.select_option("#id_artwork", label=page.locator("#id_artwork option", has_text="Harbour at Dusk")
                       .first.inner_text())
    page.fill("#id_label", "Editors' pick")
    ends = (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
    page.fill("#id_ends_at", ends)
    page.keyboard.press("Escape")
    checkpoint(page, "feature-form")
    page.get_by_role("button", name=re.compile("^(Save|Create)")).first.click()
    expect(page.get_by_text("Harbour at Dusk").first).to_be_visible()
    feature = FeaturedListing.objects.get(artwork=artwork)
    assert feature.label == "Editors' pick" and feature.starts_at <= timezone.now() < feature.ends_at

    page.goto("/cms/settings/billing/marketplacesettings/")
    page.fill("#id_commission_rate", "12.50")
    checkpoint(page, "marketplace-settings")
    page.get_by_role("button", name=re.compile("^(Save|Create)")).first.click()
    expect(page.locator(".messages, [role=status], .w-message").first).to_be_visible()
    assert str(MarketplaceSettings.load().commission_rate) == "12.50"

    page.goto("/")
    expect(page.locator(".featured-section").get_by_text("Harbour at Dusk").first).to_be_visible()
    checkpoint(page, "home-with-feature")
