"""On a phone: a buyer makes an offer the artist accepts (the cart shows that price, held for them, and they
check out at it while another buyer finds the work reserved); a buyer reviews a work."""
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.test_buyer_journeys import _fill_address_and_delivery
from tests.factories.catalogue import PASSWORD, make_artwork
from tests.factories.offers import offers_on
from tests.factories.orders import make_country
from tests.factories.reviews import make_received_order

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _phone_login(open_page, user, next_url: str):
    page = open_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/shop/accounts/login/?next={next_url}")
    page.fill("#id_login-username", user.email)
    page.fill("#id_login-password", PASSWORD)
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))
    return page


def test_on_a_phone_a_buyer_offers_the_artist_accepts_and_checks_out_at_the_agreed_price_while_it_is_held(
        open_page, buyer, other_buyer, artist, vibe, checkpoint):
    from price_offers.models import OfferStatus, PriceOffer
    from storefront.order.models import Order

    make_country()
    work = make_artwork(artist, title="Fjord in October", price=Decimal("1000.00"), vibe=vibe)
    offers_on(work, floor="800.00")

    visitor = open_page()
    visitor.set_viewport_size(PHONE)
    visitor.goto(work.get_absolute_url())
    visitor.locator("summary", has_text="Make an offer").click()
    expect(visitor.locator(".offer-box").get_by_role("link", name="Log in")).to_be_visible()

    page = _phone_login(open_page, buyer, work.get_absolute_url())
    page.locator("summary", has_text="Make an offer").click()
    page.fill("#offer-amount", "790")
    checkpoint(page, "offer-form")
    page.get_by_role("button", name="Send offer").click()
    expect(page.get_by_text("The artist does not take offers this low.")).to_be_visible()
    page.locator("summary", has_text="Make an offer").click()
    page.fill("#offer-amount", "850")
    page.get_by_role("button", name="Send offer").click()
    expect(page).to_have_url(re.compile(r"/shop/accounts/offers/$"))
    expect(page.get_by_text("Awaiting the artist")).to_be_visible()
    checkpoint(page, "buyer-offers")

    studio = _phone_login(open_page, artist.user, "/studio/offers/")
    expect(studio.get_by_text("850.00", exact=False).first).to_be_visible()
    checkpoint(studio, "studio-offers")
    studio.get_by_role("button", name="Accept").click()
    expect(studio.get_by_text("Offer accepted")).to_be_visible()

    page.goto("/shop/basket/")
    expect(page.get_by_text("Fjord in October").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"850\.00")).first).to_be_visible()
    expect(page.get_by_text(re.compile(r"Your offer price, held until \d\d:\d\d (today|tomorrow)"))).to_be_visible()
    checkpoint(page, "cart-at-agreed-price")

    # Meanwhile the work is held: another buyer finds it reserved, with no way to buy it.
    other = _phone_login(open_page, other_buyer, work.get_absolute_url())
    expect(other.get_by_text("the artist accepted another buyer's offer")).to_be_visible()
    expect(other.get_by_role("button", name="Add to cart")).to_have_count(0)
    checkpoint(other, "reserved-for-another-buyer")

    page.get_by_role("link", name=re.compile("checkout", re.I)).first.click()
    _fill_address_and_delivery(page)
    expect(page.get_by_text(re.compile(r"850\.00")).first).to_be_visible()
    page.get_by_role("button", name=re.compile("Place order and pay")).click()
    page.fill("input[name=card_number]", "4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(page).to_have_url(re.compile(r"/thank-you/$"))
    checkpoint(page, "bought-at-agreed-price")
    order = Order.objects.get(user=buyer)
    assert order.total_excl_tax - order.shipping_excl_tax == Decimal("850.00")
    assert PriceOffer.objects.get(buyer=buyer).status == OfferStatus.PURCHASED


def test_on_a_phone_a_buyer_reviews_a_work_received_and_the_artist_answers(
        open_page, buyer, artist, artwork, checkpoint):
    make_received_order(buyer, artwork)
    page = _phone_login(open_page, buyer, artwork.get_absolute_url())
    page.get_by_role("link", name="Write a review").click()
    page.get_by_label("5 stars").check()
    page.fill("#id_body", "The blues glow at dusk. Even better on the wall than on screen.")
    checkpoint(page, "review-form")
    page.get_by_role("button", name="Publish review").click()
    expect(page.get_by_text("The blues glow at dusk.")).to_be_visible()
    expect(page.get_by_text("verified buyer").first).to_be_visible()

    studio = _phone_login(open_page, artist.user, artwork.get_absolute_url())
    studio.fill("textarea[name=answer]", "Thank you! Glad it found your wall.")
    studio.get_by_role("button", name="Publish answer").click()
    expect(studio.get_by_text("Thank you! Glad it found your wall.")).to_be_visible()
    checkpoint(studio, "review-with-answer")
