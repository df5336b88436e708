"""For artists, in the browser at phone width: a sold print's certificate, the waitlist, tags suggested at upload."""
import re

import pytest
from oscar.core.loading import get_model
from PIL import Image
from playwright.sync_api import expect

from artists.models import Certificate
from storefront.catalogue.colours import colour_histogram
from storefront.catalogue.vibe_classifier import (
    VibeExample,
    vibe_classifier_cache_clear,
    vibe_classifier_fit,
    vibe_classifier_publish,
)
from tests.e2e.conftest import PHONE
from tests.e2e.test_marketplace_journeys import _log_in
from tests.factories.catalogue import make_vibe, png_bytes
from tests.factories.orders import make_country
from tests.factories.studio import make_paid_order

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_on_a_phone_a_buyer_downloads_the_certificate_and_anyone_verifies_it(
        open_page, browser, live_server, storefront_catalogue, buyer, checkpoint):
    make_country()
    poster = storefront_catalogue["works"]["poster"]
    order = make_paid_order(buyer, poster)
    certificate = Certificate.objects.get(line__order=order)

    page = open_page()
    page.set_viewport_size(PHONE)
    _log_in(page, buyer.email, next_url=f"/shop/accounts/orders/{order.number}/")
    section = page.locator(".order-certificates")
    expect(section).to_contain_text("Night Market Print")
    expect(section).to_contain_text("Certificate 1 of 5")
    checkpoint(page, "order-with-certificate")
    with page.expect_download() as download:
        section.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    # Whoever holds the print scans its QR code: a visitor's phone, no login.
    visitor = open_page()
    visitor.set_viewport_size(PHONE)
    visitor.goto(f"/verify/{certificate.code}/")
    expect(visitor.get_by_role("heading", name="A valid Artiqo certificate")).to_be_visible()
    expect(visitor.locator("[data-field=edition]")).to_have_text("1 of 5")
    expect(visitor.locator("[data-field=sold]")).to_contain_text("Sold through Artiqo on")
    expect(visitor.locator(".certificate-image")).to_be_visible()
    assert buyer.email not in visitor.content()
    checkpoint(visitor, "verify-page")

    # A mistyped code: the 404 page (in a context of its own, as the watched ones fail on any 404).
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    try:
        mistyped = context.new_page()
        response = mistyped.goto(f"/verify/{certificate.code[:-2]}xx/")
        assert response.status == 404
        expect(mistyped.get_by_role("heading", name="Not a valid certificate")).to_be_visible()
        checkpoint(mistyped, "not-a-valid-certificate")
    finally:
        context.close()


def test_on_a_phone_a_buyer_joins_a_full_artists_waitlist_and_is_invited_when_a_slot_frees(
        open_page, storefront_catalogue, buyer, other_buyer, checkpoint):
    from commissions.models import WaitlistEntry, WaitlistStatus
    from commissions.services import special_order_cancel
    from commissions.waitlist import commission_slots_set
    from tests.factories.studio import make_special_order

    mira = storefront_catalogue["artists"]["mira"]
    commission_slots_set(artist=mira, slots=1)
    taken = make_special_order(other_buyer, mira)

    page = open_page()
    page.set_viewport_size(PHONE)
    _log_in(page, buyer.email, next_url=mira.get_absolute_url())
    expect(page.locator(".commissions-full")).to_contain_text("Commissions full")
    checkpoint(page, "artist-page-full")
    page.get_by_role("link", name="Join the waitlist").click()
    page.fill("#id_brief", "A quiet harbour at night, blues and a little gold, 40 × 50 cm.")
    checkpoint(page, "waitlist-form")
    page.get_by_role("button", name="Join the waitlist").click()
    expect(page.get_by_role("heading", name="You are number 1 in line")).to_be_visible()
    checkpoint(page, "in-line")

    # The artist's studio, on a phone too: the line and the slot.
    artist_page = open_page()
    artist_page.set_viewport_size(PHONE)
    _log_in(artist_page, mira.user.email, next_url="/studio/waitlist/")
    expect(artist_page.locator("[data-waitlist-entry]")).to_contain_text("A quiet harbour at night")
    checkpoint(artist_page, "studio-waitlist")

    special_order_cancel(special_order=taken, user=other_buyer, reason="Found something else.")
    assert WaitlistEntry.objects.get(buyer=buyer).status == WaitlistStatus.INVITED
    page.reload()
    expect(page.get_by_role("heading", name="Your turn")).to_be_visible()
    page.get_by_role("link", name="Send your request").click()
    expect(page).to_have_url(re.compile(rf"/special-orders/new/{mira.slug}/$"))
    checkpoint(page, "invited-request-form")


def test_on_a_phone_an_artist_uploads_a_picture_sees_its_tags_suggested_changes_the_vibe_and_saves(
        open_page, artist, settings, tmp_path, checkpoint):
    # A classifier as the nightly training leaves it: teal pictures are calm, red ones bold.
    settings.RECOMMENDER_DIR = tmp_path / "models"
    vibe_classifier_cache_clear()
    make_vibe("bold")
    histograms = {vibe: tuple(colour_histogram(image=Image.new("RGB", (40, 40), rgb)).tolist())
                  for vibe, rgb in (("calm", (42, 127, 127)), ("bold", (201, 48, 44)))}
    examples = [VibeExample(text=f"{vibe} work {n}", histogram=histograms[vibe], vibe=vibe)
                for vibe in histograms for n in range(6)]
    vibe_classifier_publish(classifier=vibe_classifier_fit(examples=examples), meta={})
    picture = tmp_path / "bay.png"
    picture.write_bytes(png_bytes((42, 127, 127), size=(320, 240)))

    page = open_page()
    page.set_viewport_size(PHONE)
    _log_in(page, artist.user.email, next_url="/studio/artworks/new/")
    page.set_input_files("#id_images", str(picture))
    expect(page.locator(".suggestion-status")).to_contain_text("Suggested from your picture: vibe “Calm”")
    expect(page.locator("#id_colours")).to_have_value("teal")
    expect(page.locator("#id_vibe option:checked")).to_have_text("Calm")
    checkpoint(page, "tags-suggested")

    # The artist disagrees on the vibe and adds a colour, then saves.
    page.select_option("#id_vibe", label="Bold")
    page.fill("#id_colours", "teal, cream")
    page.fill("#id_title", "Teal Bay")
    page.fill("#id_price", "180")
    page.get_by_role("button", name="Put it on sale").click()
    expect(page.get_by_text("“Teal Bay” is now for sale.")).to_be_visible()

    artwork = Product.objects.get(title="Teal Bay")
    assert (artwork.vibe.slug, artwork.colours) == ("bold", ["teal", "cream"])
    page.goto(artwork.get_absolute_url())
    expect(page.get_by_role("list", name="Colour tags").get_by_role("listitem")).to_have_text(["teal", "cream"])
    checkpoint(page, "colour-tags-on-the-work")
    vibe_classifier_cache_clear()
