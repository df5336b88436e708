"""A phone visitor hearts a work and follows an artist: asked to sign in, then saved; no page reloads after."""
import re

import pytest
from playwright.sync_api import expect

from collectors.models import Favourite, Follow
from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _look(page, checkpoint, step: str) -> None:
    # The checkpoint shoots the current size, then the phone: show it the desktop first.
    page.set_viewport_size(DESKTOP)
    checkpoint(page, step)
    page.set_viewport_size(PHONE)


def _sign_in(page, buyer, password):
    expect(page).to_have_url(re.compile(r"/shop/accounts/login/\?next="))
    page.fill("#id_login-username", buyer.email)
    page.fill("#id_login-password", password)
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_a_signed_out_phone_visitor_hearts_a_work_signs_in_and_finds_it_saved(
        open_page, storefront_catalogue, buyer, password, checkpoint):
    page = open_page()
    page.set_viewport_size(PHONE)
    page.goto("/shop/catalogue/")
    card = page.locator("li.art-card", has_text="Harbour at Dusk")
    heart = card.get_by_role("button", name="Save Harbour at Dusk to favourites")
    expect(heart).to_be_visible()
    _look(page, checkpoint, "browse-with-hearts")
    page.once("dialog", lambda dialog: dialog.accept())
    heart.click()
    _sign_in(page, buyer, password)
    # Back on the browse page: the heart is saved without another click.
    expect(page).to_have_url(re.compile(r"/shop/catalogue/$"))
    expect(heart).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#collect-status")).to_have_text("Saved to your favourites.")
    artwork = storefront_catalogue["works"]["harbour"]
    assert Favourite.objects.filter(user=buyer, product=artwork).exists()

    # One click each way, no reload: the page keeps a marker the reload would lose.
    page.evaluate("window.__stayed = true")
    heart.click()
    expect(heart).to_have_attribute("aria-pressed", "false")
    heart.click()
    expect(heart).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.__stayed") is True

    # The artwork page's heart shows it too, and the account lists it.
    page.goto(artwork.get_absolute_url())
    expect(page.locator(".artwork-title-row [data-favourite]")).to_have_attribute("aria-pressed", "true")
    page.goto("/shop/accounts/favourites/")
    expect(page.get_by_text("Harbour at Dusk").first).to_be_visible()
    _look(page, checkpoint, "favourites")
    assert list(Favourite.objects.filter(user=buyer).values_list("product_id", flat=True)) == [artwork.pk]


def test_a_phone_buyer_follows_an_artist_from_their_page(open_page, storefront_catalogue, buyer, password, checkpoint):
    mira = storefront_catalogue["artists"]["mira"]
    page = open_page()
    page.set_viewport_size(PHONE)
    page.goto(mira.get_absolute_url())
    follow = page.locator(".artist-hero [data-follow-artist]")
    expect(follow).to_have_text("Follow")
    page.once("dialog", lambda dialog: dialog.accept())
    follow.click()
    _sign_in(page, buyer, password)
    expect(follow).to_have_text("Following")
    expect(follow).to_have_attribute("aria-pressed", "true")
    assert Follow.objects.filter(user=buyer, artist=mira).exists()
    _look(page, checkpoint, "artist-followed")
    follow.click()
    expect(follow).to_have_text("Follow")
    follow.click()
    expect(follow).to_have_text("Following")
    page.goto("/shop/accounts/following/")
    expect(page.get_by_text(mira.name).first).to_be_visible()
    _look(page, checkpoint, "following")
    assert list(Follow.objects.filter(user=buyer).values_list("artist_id", flat=True)) == [mira.pk]


def test_a_phone_buyer_hearts_a_similar_work_whose_card_the_browser_built(
        open_page, storefront_catalogue, buyer, password, checkpoint):
    harbour, fjord = storefront_catalogue["works"]["harbour"], storefront_catalogue["works"]["fjord"]
    page = open_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/shop/accounts/login/?next={harbour.get_absolute_url()}")
    _sign_in(page, buyer, password)
    # "More with this vibe" arrives by fetch after the page: its cards are built in the browser.
    card = page.locator("[data-similar-url] li.art-card", has_text="Quiet Fjord")
    heart = card.get_by_role("button", name="Save Quiet Fjord to favourites")
    expect(heart).to_be_visible()
    expect(heart).to_have_attribute("aria-pressed", "false")
    _look(page, checkpoint, "similar-cards-with-hearts")
    page.evaluate("window.__stayed = true")
    heart.click()
    expect(heart).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#collect-status")).to_have_text("Saved to your favourites.")
    assert page.evaluate("window.__stayed") is True
    assert Favourite.objects.filter(user=buyer, product=fjord).exists()
