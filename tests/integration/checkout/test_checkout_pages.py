"""The checkout in the browser: address, delivery, review, pay on the hosted page, thank-you (test mode)."""
import re

import pytest
from django.test import Client
from oscar.core.loading import get_model

from storefront.checkout import views
from storefront.order import statuses
from storefront.payment.models import Payment, PaymentStatus
from tests.factories.orders import address_data, make_user_address

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db
SHOP = "/shop/checkout"


def _add_to_cart(client, artwork):
    response = client.post(f"/shop/basket/add/{artwork.pk}/", {"quantity": 1})
    assert response.status_code == 302


def _token(response) -> str:
    return re.search(rb'name="attempt_token" value="([0-9a-f]+)"', response.content).group(1).decode()


def _to_payment_step(client, artwork, *, method="standard"):
    """Cart → address → delivery method → the review (there is no card step); returns that page."""
    _add_to_cart(client, artwork)
    assert client.get(f"{SHOP}/").url.endswith("/shipping-address/")
    data = {key: value for key, value in address_data().items() if key != "country"}
    assert client.post(f"{SHOP}/shipping-address/", data).status_code == 302
    response = client.post(f"{SHOP}/shipping-method/", {"method_code": method}, follow=True)
    assert response.redirect_chain[-1][0].endswith("/preview/")
    assert b"Place order and pay" in response.content
    return response


def _place(client, page):
    """Place the order from the review; returns the hosted payment page it leads to."""
    return client.post(f"{SHOP}/preview/", {"attempt_token": _token(page), "action": "place_order"}, follow=True)


def _hosted_pay(client, hosted, card="4242 4242 4242 4242"):
    """Type `card` on the test gateway's hosted page; returns the page that follows."""
    url = hosted.redirect_chain[-1][0] if hosted.redirect_chain else hosted.request["PATH_INFO"]
    assert "/shop/test-gateway/session/cs_test_" in url
    return client.post(url, {"card_number": card, "action": "pay"}, follow=True)


def _pay(client, page, card="4242 4242 4242 4242"):
    """Place the order, then pay on the hosted page with this card; returns the final page followed."""
    return _hosted_pay(client, _place(client, page), card)


def test_a_buyer_pays_on_the_hosted_page_and_sees_the_order_number(client, buyer, artwork):
    client.force_login(buyer)
    page = _to_payment_step(client, artwork)
    assert b"TEST MODE" in page.content
    assert b'name="card_number"' not in page.content, "no card field on the shop's pages"
    hosted = _place(client, page)
    assert b"Artiqo test gateway" in hosted.content and b"Pay $135.00" in hosted.content
    done = _hosted_pay(client, hosted)
    order = Order.objects.get(user=buyer)
    assert done.redirect_chain[-1][0].endswith("/thank-you/")
    assert order.number.encode() in done.content
    assert b"Completed" in done.content
    assert order.status == statuses.PAID
    assert order.total_incl_tax == 135
    assert client.get("/shop/basket/").context["basket"].is_empty


def test_the_payment_step_is_the_review_with_no_card_box(client, buyer, artwork):
    client.force_login(buyer)
    _to_payment_step(client, artwork)
    assert client.get(f"{SHOP}/payment-details/").url.endswith("/preview/")
    assert b"pm_card_visa" not in client.get(f"{SHOP}/preview/").content


def test_the_review_shows_the_fee_free_total(client, buyer, artwork):
    client.force_login(buyer)
    preview = _to_payment_step(client, artwork)
    assert b"$135.00" in preview.content
    assert b"no fees added" in preview.content


def test_collecting_from_the_studio_costs_nothing_extra(client, buyer, artwork):
    client.force_login(buyer)
    _pay(client, _to_payment_step(client, artwork, method="collect"))
    order = Order.objects.get(user=buyer)
    assert (order.shipping_code, order.total_incl_tax) == ("collect", 120)


def test_a_saved_address_is_offered_and_reused(client, buyer, artwork):
    saved = make_user_address(buyer, line1="Bryggen 12")
    client.force_login(buyer)
    _add_to_cart(client, artwork)
    page = client.get(f"{SHOP}/shipping-address/")
    assert b"Bryggen 12" in page.content
    response = client.post(f"{SHOP}/shipping-address/", {"action": "ship_to", "address_id": saved.pk})
    assert response.status_code == 302
    page = client.post(f"{SHOP}/shipping-method/", {"method_code": "standard"}, follow=True)
    _pay(client, page)
    assert Order.objects.get(user=buyer).shipping_address.line1 == "Bryggen 12"


def test_a_declined_card_is_told_on_the_hosted_page_and_another_card_pays(client, buyer, artwork):
    client.force_login(buyer)
    declined = _pay(client, _to_payment_step(client, artwork), card="4000 0000 0000 0002")
    order = Order.objects.get(user=buyer)
    assert declined.status_code == 200 and "/shop/test-gateway/session/" in declined.request["PATH_INFO"]
    assert b"Your card was declined." in declined.content
    assert order.status == statuses.PENDING_PAYMENT
    done = _hosted_pay(client, declined, card="4242424242424242")
    assert done.redirect_chain[-1][0].endswith("/thank-you/")
    assert list(Payment.objects.filter(order=order).values_list("status", flat=True)) == [PaymentStatus.COMPLETED]


def test_cancelling_on_the_hosted_page_keeps_the_order_and_the_buyer_pays_again(client, buyer, artwork):
    client.force_login(buyer)
    hosted = _place(client, _to_payment_step(client, artwork))
    back = client.post(hosted.redirect_chain[-1][0], {"action": "cancel"}, follow=True)
    order = Order.objects.get(user=buyer)
    assert back.redirect_chain[-1][0].endswith(f"/orders/{order.number}/pay/")
    assert b"The payment was not completed." in back.content
    assert order.status == statuses.PENDING_PAYMENT
    cancelled = Payment.objects.get(order=order)
    assert cancelled.status == PaymentStatus.FAILED
    closed = client.post(hosted.redirect_chain[-1][0], {"card_number": "4242424242424242", "action": "pay"})
    assert b"no longer open" in closed.content, "a cancelled page can never take money"
    retry = client.post(f"/shop/checkout/orders/{order.number}/pay/", {"attempt_token": _token(back)}, follow=True)
    done = _hosted_pay(client, retry)
    assert done.redirect_chain[-1][0].endswith("/thank-you/")
    assert list(Payment.objects.filter(order=order).values_list("status", flat=True)) == [
        PaymentStatus.FAILED, PaymentStatus.COMPLETED]
    history = client.get(f"/shop/accounts/orders/{order.number}/")
    assert b"Attempt 1" in history.content and b"Attempt 2" in history.content
    assert b"The buyer cancelled on the payment page" in history.content


def test_three_d_secure_on_the_hosted_page_sends_the_buyer_to_authenticate_then_back(client, buyer, artwork):
    client.force_login(buyer)
    challenge = _pay(client, _to_payment_step(client, artwork), card="4000 0027 6000 3184")
    assert "/test-3ds/" in challenge.redirect_chain[-1][0]
    assert b"Complete authentication" in challenge.content
    done = client.post(challenge.redirect_chain[-1][0], {"outcome": "approve"}, follow=True)
    assert done.redirect_chain[-1][0].endswith("/thank-you/")
    assert Order.objects.get(user=buyer).status == statuses.PAID


def test_the_payment_completes_even_if_the_buyer_never_comes_back(client, buyer, artwork):
    client.force_login(buyer)
    hosted = _place(client, _to_payment_step(client, artwork))
    paid = client.post(hosted.redirect_chain[-1][0], {"card_number": "4242424242424242", "action": "pay"})
    assert paid.status_code == 302, "the buyer closes the tab instead of following the redirect"
    order = Order.objects.get(user=buyer)
    assert order.status == statuses.PAID
    assert Payment.objects.get(order=order).history.filter(source="webhook", to_status="completed").exists()


def test_a_buyer_reviewing_a_work_that_just_sold_is_told_so(client, buyer, other_buyer, artwork):
    client.force_login(other_buyer)
    late_page = _to_payment_step(client, artwork)
    first = Client()
    first.force_login(buyer)
    _pay(first, _to_payment_step(first, artwork))
    refused = _place(client, late_page)
    assert refused.redirect_chain[-1][0].endswith("/shop/basket/")
    assert "“Harbour at Dusk” was just sold to another buyer" in refused.content.decode()
    assert not Order.objects.filter(user=other_buyer).exists()


def test_losing_the_race_at_the_last_click_is_a_clean_just_sold_without_charge(client, buyer, other_buyer,
                                                                              artwork, monkeypatch):
    client.force_login(other_buyer)
    page = _to_payment_step(client, artwork)
    rival = Client()
    rival.force_login(buyer)
    rival_page = _to_payment_step(rival, artwork)
    real_order_place = views.order_place

    def rival_wins_first(**kwargs):
        # The rival's "place order" lands between our checks and our conditional update.
        monkeypatch.setattr(views, "order_place", real_order_place)
        _pay(rival, rival_page)
        return real_order_place(**kwargs)

    monkeypatch.setattr(views, "order_place", rival_wins_first)
    refused = _place(client, page)
    assert refused.redirect_chain[-1][0].endswith("/shop/basket/")
    assert "was just sold to another buyer" in refused.content.decode()
    assert list(Order.objects.values_list("user", flat=True)) == [buyer.pk]
    assert Payment.objects.count() == 1


def test_placing_the_same_review_twice_places_one_order(client, buyer, artwork):
    client.force_login(buyer)
    page = _to_payment_step(client, artwork)
    data = {"attempt_token": _token(page), "action": "place_order"}
    first = client.post(f"{SHOP}/preview/", data)
    second = client.post(f"{SHOP}/preview/", data)
    assert Order.objects.filter(user=buyer).count() == 1
    assert Payment.objects.count() == 1
    assert first.url == second.url, "the double click lands on the same hosted page"


def test_someone_elses_order_page_is_not_found(client, buyer, other_buyer, artwork):
    client.force_login(buyer)
    _pay(client, _to_payment_step(client, artwork))
    order = Order.objects.get(user=buyer)
    client.force_login(other_buyer)
    assert client.get(f"/shop/checkout/orders/{order.number}/pay/").status_code == 404
