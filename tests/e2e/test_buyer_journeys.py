"""A visitor becomes a buyer in the browser: browse, search, log in on add-to-cart, pay, see the order."""
import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from storefront.order import statuses
from storefront.payment.models import Payment, PaymentStatus
from tests.factories.orders import make_country

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NEW_PASSWORD = "Sea-glass-lantern-42"


@pytest.fixture
def shop(storefront_catalogue):
    make_country()
    return storefront_catalogue


def _fill_address_and_delivery(page):
    page.fill("#id_first_name", "Ada")
    page.fill("#id_last_name", "Byron")
    page.fill("#id_line1", "Strandkaien 3")
    page.fill("#id_line4", "Bergen")
    page.fill("#id_postcode", "5013")
    page.get_by_role("button", name=re.compile("Continue", re.I)).first.click()
    # Delivery: the first way offered (standard shipping).
    page.get_by_role("button", name=re.compile(r"^Choose")).first.click()
    # No card step: the review is next, and the card is typed on the gateway's hosted page.
    expect(page).to_have_url(re.compile(r"/preview/$"))
    assert page.locator("input[name=card_number]").count() == 0


def _pay_on_hosted_page(page, card: str):
    expect(page).to_have_url(re.compile(r"/shop/test-gateway/session/cs_test_\w+/$"))
    page.fill("input[name=card_number]", card)
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()


def _review_and_place(page, card: str, checkpoint=None):
    """Place the order from the review, then pay on the test gateway's hosted page with `card`."""
    page.get_by_role("button", name=re.compile("Place order and pay")).click()
    expect(page.get_by_text("Artiqo test gateway")).to_be_visible()
    if checkpoint:
        checkpoint(page, "hosted-payment-page")
    _pay_on_hosted_page(page, card)


def test_visitor_browses_searches_registers_and_pays_with_the_test_card(page, shop, checkpoint):
    page.goto("/")
    checkpoint(page, "home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Browse").click()
    expect(page.get_by_text("Harbour at Dusk").first).to_be_visible()
    checkpoint(page, "browse")

    page.fill("#site-search-q", "harbour")
    page.press("#site-search-q", "Enter")
    expect(page).to_have_url(re.compile(r"/search/.*q=harbour"))
    checkpoint(page, "search-results")
    page.get_by_role("link", name=re.compile("Harbour at Dusk")).first.click()
    expect(page.get_by_role("heading", name="Harbour at Dusk")).to_be_visible()
    checkpoint(page, "artwork")

    page.get_by_role("button", name="Add to cart").click()
    expect(page).to_have_url(re.compile(r"/shop/accounts/login/"))
    checkpoint(page, "login-or-register")

    page.fill("#id_registration-first_name", "Ada")
    page.fill("#id_registration-last_name", "Lovelace")
    page.fill("#id_registration-email", "ada@example.com")
    page.fill("#id_registration-password1", NEW_PASSWORD)
    page.fill("#id_registration-password2", NEW_PASSWORD)
    page.locator("button[name=registration_submit]").click()
    expect(page.locator(".cart-count")).to_have_text("1")
    checkpoint(page, "registered-with-work-in-cart")

    page.locator(".cart-link").click()
    expect(page.get_by_text("Harbour at Dusk").first).to_be_visible()
    checkpoint(page, "cart")
    page.get_by_role("link", name=re.compile("checkout", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/shipping-address/$"))
    checkpoint(page, "shipping-address")
    _fill_address_and_delivery(page)
    checkpoint(page, "review")
    _review_and_place(page, "4242 4242 4242 4242", checkpoint)
    expect(page).to_have_url(re.compile(r"/thank-you/$"))
    order = Order.objects.get(user__email="ada@example.com")
    expect(page.get_by_text(order.number).first).to_be_visible()
    checkpoint(page, "thank-you")

    page.goto(f"/shop/accounts/orders/{order.number}/")
    expect(page.get_by_text("Completed").first).to_be_visible()
    checkpoint(page, "order")
    order.refresh_from_db()
    assert order.status == statuses.PAID
    assert list(order.payments.values_list("status", flat=True)) == [PaymentStatus.COMPLETED]


def test_a_declined_card_is_explained_on_the_hosted_page_and_another_card_pays(page, shop, buyer, password,
                                                                               checkpoint):
    harbour = shop["works"]["harbour"]
    page.goto("/shop/accounts/login/")
    page.fill("#id_login-username", buyer.email)
    page.fill("#id_login-password", password)
    page.locator("button[name=login_submit]").click()
    page.goto(harbour.get_absolute_url())
    page.get_by_role("button", name="Add to cart").click()
    page.goto("/shop/checkout/")
    _fill_address_and_delivery(page)
    _review_and_place(page, "4000 0000 0000 0002")

    expect(page.get_by_text("Your card was declined.").first).to_be_visible()
    checkpoint(page, "declined-on-hosted-page")
    _pay_on_hosted_page(page, "4242 4242 4242 4242")
    expect(page).to_have_url(re.compile(r"/thank-you/$"))
    checkpoint(page, "paid-with-another-card")

    [order] = Order.objects.filter(user=buyer)
    assert order.status == statuses.PAID
    assert list(Payment.objects.filter(order=order).values_list("status", flat=True)) == [PaymentStatus.COMPLETED]


def test_on_a_phone_a_visitor_opens_the_menu_searches_and_adds_to_cart(open_page, shop, checkpoint):
    from tests.e2e.conftest import PHONE

    page = open_page()
    page.set_viewport_size(PHONE)
    page.goto("/")
    expect(page.locator("#site-search-q")).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "true")
    page.fill("#site-search-q", "fjord")
    page.press("#site-search-q", "Enter")
    page.get_by_role("link", name=re.compile("Quiet Fjord")).first.click()
    add = page.get_by_role("button", name="Add to cart")
    add.scroll_into_view_if_needed()
    expect(add).to_be_in_viewport()
    add.click()
    expect(page).to_have_url(re.compile(r"/shop/accounts/login/"))
    checkpoint(page, "phone-login-after-add")
