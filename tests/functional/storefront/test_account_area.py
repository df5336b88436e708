"""The account area as Artiqo keeps it: the outbox's emails, no Oscar leftovers, orders without tax columns."""
import importlib

import pytest
from django.apps import apps
from oscar.core.loading import get_model

from artiqo.outbox.models import OutboxMessage
from artiqo.outbox.services import message_enqueue
from tests.factories.orders import make_country, make_order
from tests.factories.recommend import make_edition

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _mail(to: str, subject: str, key: str) -> OutboxMessage:
    return message_enqueue(to=[to], subject=subject, text=f"{subject}\nSee https://artiqo.example/x/", dedup_key=key)


def test_email_history_lists_the_buyers_own_emails_newest_first(client, buyer, other_buyer):
    _mail(buyer.email, "Your Artiqo order 1 is confirmed", "a")
    _mail(other_buyer.email, "Someone else's order", "b")
    _mail(buyer.email.upper(), "Your payment did not go through", "c")
    client.force_login(buyer)
    page = client.get("/shop/accounts/emails/").content.decode()
    assert page.index("Your payment did not go through") < page.index("Your Artiqo order 1 is confirmed")
    assert "Someone else" not in page


def test_an_email_opens_as_text_and_someone_elses_is_not_found(client, buyer, other_buyer):
    own = _mail(buyer.email, "Your Artiqo order 1 is confirmed", "a")
    theirs = _mail(other_buyer.email, "Someone else's order", "b")
    client.force_login(buyer)
    page = client.get(f"/shop/accounts/emails/{own.pk}/").content.decode()
    assert "Your Artiqo order 1 is confirmed" in page
    assert '<a href="https://artiqo.example/x/"' in page, "links in the text can be followed"
    assert client.get(f"/shop/accounts/emails/{theirs.pk}/").status_code == 404


def test_email_history_is_paged_twenty_at_a_time(client, buyer):
    for n in range(21):
        _mail(buyer.email, f"Message number {n:02d}", f"m{n}")
    client.force_login(buyer)
    first = client.get("/shop/accounts/emails/").content.decode()
    second = client.get("/shop/accounts/emails/?page=2").content.decode()
    assert "Message number 20" in first and "Message number 00" not in first
    assert "Message number 00" in second and "Message number 20" not in second


def test_an_email_stays_in_the_history_of_whoever_it_was_sent_to(client, buyer, other_buyer):
    _mail(buyer.email, "Your Artiqo order 1 is confirmed", "a")
    old_address = buyer.email
    buyer.email = "new.address@example.com"
    buyer.save()
    other_buyer.email = old_address
    other_buyer.save()
    client.force_login(buyer)
    assert "order 1 is confirmed" in client.get("/shop/accounts/emails/").content.decode()
    client.force_login(other_buyer)
    assert "order 1 is confirmed" not in client.get("/shop/accounts/emails/").content.decode()


def test_mail_queued_before_the_upgrade_joins_its_recipients_history(buyer, other_buyer):
    message = _mail(f"Ada <{buyer.email.upper()}>", "Queued before the upgrade", "a")
    message.to_users.clear()
    fill = importlib.import_module("artiqo.outbox.migrations.0002_message_to_users").to_users_fill
    fill(apps, None)
    assert list(message.to_users.all()) == [buyer]


def test_product_alerts_and_notifications_are_gone_and_wish_lists_lead_to_favourites(client, buyer):
    client.force_login(buyer)
    for path in ("/shop/accounts/alerts/", "/shop/accounts/notifications/inbox/", "/shop/accounts/notifications/"):
        assert client.get(path).status_code == 404, path
    for path in ("/shop/accounts/wishlists/", "/shop/accounts/wishlists/add/1/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, "/shop/accounts/favourites/"), path
    nav = client.get("/shop/accounts/profile/").content.decode()
    for section in ("Profile", "Orders", "Favourites", "Following", "Addresses", "Emails"):
        assert f">{section}</a>" in nav
    for leftover in ("Product Alerts", "Notifications", "Wish Lists", "/accounts/wishlists/", "/accounts/alerts/"):
        assert leftover not in nav


def test_the_order_page_shows_prices_without_tax_columns(client, buyer, artwork):
    order = make_order(buyer, artwork)
    client.force_login(buyer)
    page = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    assert "Harbour at Dusk" in page and "$135.00" in page
    assert "tax" not in page.lower()
    assert "tax" not in client.get("/shop/accounts/orders/").content.decode().lower()


def test_a_sold_original_is_not_offered_again_but_an_edition_with_prints_left_is(client, buyer, artist, artwork):
    edition = make_edition(artist, title="Tide Tables")
    order = make_order(buyer, artwork, edition)
    client.force_login(buyer)
    page = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    harbour, tide = (order.lines.get(product=work) for work in (artwork, edition))
    assert f"reorder_line_{harbour.pk}" not in page
    assert "One of a kind: this original cannot be bought again." in page
    assert f"reorder_line_{tide.pk}" in page
    assert "Re-order" not in page


def test_a_new_address_in_the_address_book_starts_on_the_default_country(client, buyer, settings):
    make_country("NO", "Norway"), make_country("US", "United States")
    settings.ARTIQO_DEFAULT_COUNTRY = "US"
    client.force_login(buyer)
    form = client.get("/shop/accounts/addresses/add/").context["form"]
    assert form["country"].value() == "US"
