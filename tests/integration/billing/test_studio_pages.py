"""The studio's billing pages: earnings, plan, featured listings; artists only, bad input answered 4xx."""
from decimal import Decimal

import pytest

from storefront.billing.models import ArtistSubscription, BillingCharge, FeaturedListing
from storefront.payment.models import Payment, PaymentCustomer, PaymentStatus
from tests.factories.billing import THREE_D_SECURE, make_free_and_pro, make_paid_order, save_card, set_marketplace
from tests.factories.catalogue import make_artwork

pytestmark = pytest.mark.django_db
D = Decimal
VISA_NUMBER = "4242 4242 4242 4242"


@pytest.fixture
def artist_client(client, artist):
    client.force_login(artist.user)
    return client


def test_visitors_are_sent_to_log_in_and_buyers_are_refused(client, buyer):
    assert client.get("/studio/billing/").status_code == 302
    client.force_login(buyer)
    for url in ("/studio/billing/", "/studio/billing/plans/", "/studio/billing/features/",
                "/studio/billing/renewal/", "/studio/billing/card/return/"):
        assert client.get(url).status_code == 403
    assert client.post("/studio/billing/card/", {"attempt_token": "b"}).status_code == 403
    assert not PaymentCustomer.objects.exists()  # no customer is made at the gateway for them


def test_an_artist_sees_their_earnings_per_month_and_per_sold_work(artist_client, artist, other_artist, buyer,
                                                                  django_capture_on_commit_callbacks):
    set_marketplace(commission_rate=D("15.00"))
    make_paid_order(buyer, make_artwork(artist, price=D("120.00"), title="Fjord"),
                    make_artwork(other_artist, price=D("50.00"), title="Not mine"),
                    capture=django_capture_on_commit_callbacks)
    page = artist_client.get("/studio/billing/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Fjord" in html and "Not mine" not in html
    assert page.context["totals"] == [{"currency": "USD", "gross": D("120.00"), "fees": D("18.00"), "net": D("102.00")}]
    assert [(m["sales"], m["net"]) for m in page.context["months"]] == [(1, D("102.00"))]


def test_earnings_read_as_money_with_currency_and_cents_under_the_studio_menu(artist_client, artist, buyer,
                                                                             django_capture_on_commit_callbacks):
    set_marketplace(commission_rate=D("15.00"))
    make_paid_order(buyer, make_artwork(artist, price=D("1440.00")), capture=django_capture_on_commit_callbacks)
    html = artist_client.get("/studio/billing/").content.decode()
    assert 'data-total="gross">$1,440.00<' in html
    assert 'data-total="fees">$216.00<' in html and 'data-total="net">$1,224.00<' in html
    assert 'class="studio-nav"' in html and 'aria-label="Earnings and plan"' in html
    # The studio menu marks where the artist is, and each billing tab is its own link.
    assert 'href="/studio/billing/" aria-current="page">Earnings &amp; plan</a>' in html
    assert '>Earnings</a>\n  <a href="/studio/billing/plans/"' in html


def test_an_artist_with_no_sales_sees_zero_totals_in_the_shops_currency(artist_client):
    html = artist_client.get("/studio/billing/").content.decode()
    assert 'data-total="net">$0.00<' in html and "No sales yet." in html


def test_the_earnings_page_runs_the_same_queries_for_many_sales(artist_client, artist, buyer,
                                                                django_capture_on_commit_callbacks,
                                                                django_assert_max_num_queries):
    make_paid_order(buyer, make_artwork(artist), capture=django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(40) as few:
        artist_client.get("/studio/billing/")
    for _ in range(6):
        make_paid_order(buyer, make_artwork(artist), capture=django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert artist_client.get("/studio/billing/").status_code == 200


def _save_card_on_the_gateway_page(client, response, number=VISA_NUMBER):
    """Follow the studio to the test gateway's card-saving page, type `number` there: where it sends the artist."""
    assert response.status_code == 302 and "/shop/test-gateway/session/cs_test_" in response.url
    page = client.get(response.url)
    assert page.status_code == 200 and "Save a card" in page.content.decode()
    saved = client.post(response.url, {"action": "pay", "card_number": number})
    assert saved.status_code == 302 and "/studio/billing/card/return/?" in saved.url
    return saved.url


def test_an_artist_subscribes_to_pro_from_the_plans_page(artist_client, artist):
    _, pro = make_free_and_pro()
    page = artist_client.get("/studio/billing/plans/")
    html = page.content.decode()
    assert page.status_code == 200 and "Pro" in html
    assert 'name="card_number"' not in html and 'name="payment_method"' not in html  # no card typed here
    response = artist_client.post("/studio/billing/plans/", {"plan": pro.pk, "attempt_token": "tok-plans-1"})
    back = _save_card_on_the_gateway_page(artist_client, response)
    done = artist_client.get(back)
    assert done.status_code == 302 and done.url == "/studio/billing/plans/"
    assert ArtistSubscription.objects.get(artist=artist).plan == pro
    card = PaymentCustomer.objects.get(user=artist.user)
    assert (card.card_brand, card.card_last4) == ("visa", "4242")
    assert "Visa ending 4242" in artist_client.get("/studio/billing/plans/").content.decode()
    # Coming back twice (a reload) or the same form again (a double click) is the same payment.
    artist_client.get(back)
    artist_client.post("/studio/billing/plans/", {"plan": pro.pk, "attempt_token": "tok-plans-1"})
    assert BillingCharge.objects.count() == Payment.objects.count() == 1


def test_a_card_refused_on_the_gateway_page_saves_nothing_and_charges_nothing(artist_client, artist):
    _, pro = make_free_and_pro()
    response = artist_client.post("/studio/billing/plans/", {"plan": pro.pk, "attempt_token": "t-bad"})
    for number, reason in (("1234", "invalid"), ("4000 0000 0000 0002", "declined")):
        page = artist_client.post(response.url, {"action": "pay", "card_number": number})
        assert page.status_code == 200 and reason in page.content.decode()
    cancelled = artist_client.post(response.url, {"action": "cancel"})
    assert "cancelled=1" in cancelled.url
    assert artist_client.get(cancelled.url).url == "/studio/billing/plans/"
    assert not PaymentCustomer.objects.exclude(payment_method="").exists()
    assert not BillingCharge.objects.exists() and not ArtistSubscription.objects.exists()


def test_bad_plan_input_is_answered_400_with_the_reason(artist_client):
    _, pro = make_free_and_pro()
    unknown = artist_client.post("/studio/billing/plans/", {"plan": 999999, "attempt_token": "t3"})
    assert unknown.status_code == 400 and "not offered" in unknown.content.decode()
    assert artist_client.post("/studio/billing/plans/", {"plan": "x' OR 1=1"}).status_code == 400
    forged = artist_client.get("/studio/billing/card/return/?then=plan&session_id=cs_test_x")
    assert forged.status_code == 400
    assert artist_client.get("/studio/billing/card/").status_code == 405


def test_an_artist_cannot_take_another_artists_card_saving_page(client, artist, other_artist):
    _, pro = make_free_and_pro()
    client.force_login(artist.user)
    back = _save_card_on_the_gateway_page(
        client, client.post("/studio/billing/plans/", {"plan": pro.pk, "attempt_token": "theirs"}))
    client.force_login(other_artist.user)
    assert client.get(back).status_code == 404
    assert not PaymentCustomer.objects.filter(user=other_artist.user).exclude(payment_method="").exists()
    assert not ArtistSubscription.objects.filter(artist=other_artist).exists()


def test_a_second_payment_while_one_awaits_authentication_is_a_conflict(artist_client, artist):
    _, pro = make_free_and_pro()
    save_card(artist.user, THREE_D_SECURE)
    first = artist_client.post("/studio/billing/plans/", {"plan": pro.pk, "attempt_token": "a1"})
    charge = BillingCharge.objects.get()
    # Straight to the bank's page: in test mode the one 3-D Secure page every kind of payment shares.
    assert first.status_code == 302 and first.url == charge.payment.next_action_url
    assert f"/shop/checkout/test-3ds/{charge.payment.intent_id}/" in first.url
    second = artist_client.post("/studio/billing/plans/", {"plan": pro.pk, "attempt_token": "a2"})
    assert second.status_code == 409


def test_card_authentication_in_test_mode_completes_the_payment(artist_client, artist):
    _, pro = make_free_and_pro()
    save_card(artist.user, THREE_D_SECURE)
    artist_client.post("/studio/billing/plans/", {"plan": pro.pk, "attempt_token": "3ds"})
    charge = BillingCharge.objects.get()
    test_page = f"/shop/checkout/test-3ds/{charge.payment.intent_id}/"
    # The charge's earlier authentication address still leads there.
    assert artist_client.get(f"/studio/billing/payments/{charge.pk}/authenticate/").url.endswith(test_page)
    page = artist_client.get(test_page)
    assert page.status_code == 200 and "Pro plan" in page.content.decode()
    back = artist_client.post(test_page, {"outcome": "approve"})
    assert back.url.endswith(f"/studio/billing/payments/{charge.pk}/return/")
    assert artist_client.get(back.url).status_code == 302
    assert Payment.objects.get().status == PaymentStatus.COMPLETED
    assert ArtistSubscription.objects.get(artist=artist).plan == pro


def test_an_artist_cannot_see_or_return_another_artists_payment(client, artist, other_artist):
    _, pro = make_free_and_pro()
    client.force_login(artist.user)
    save_card(artist.user, THREE_D_SECURE)
    client.post("/studio/billing/plans/", {"plan": pro.pk, "attempt_token": "mine"})
    charge = BillingCharge.objects.get()
    client.force_login(other_artist.user)
    assert client.get(f"/studio/billing/payments/{charge.pk}/authenticate/").status_code == 404
    assert client.get(f"/studio/billing/payments/{charge.pk}/return/").status_code == 404
    test_page = f"/shop/checkout/test-3ds/{charge.payment.intent_id}/"
    assert client.get(test_page).status_code == 404
    assert client.post(test_page, {"outcome": "approve"}).status_code == 404
    assert Payment.objects.get().status == PaymentStatus.REQUIRES_ACTION


def test_cancelling_keeps_the_plan_until_the_period_ends(artist_client, artist):
    _, pro = make_free_and_pro()
    save_card(artist.user)
    artist_client.post("/studio/billing/plans/", {"plan": pro.pk, "attempt_token": "c"})
    assert artist_client.post("/studio/billing/plans/cancel/").status_code == 302
    assert ArtistSubscription.objects.get(artist=artist).cancel_at_period_end
    assert artist_client.get("/studio/billing/plans/cancel/").status_code == 405


def test_an_artist_features_a_work_from_the_studio(artist_client, artist):
    work = make_artwork(artist, title="Lighthouse")
    page = artist_client.get("/studio/billing/features/")
    assert page.status_code == 200 and "Lighthouse" in page.content.decode()
    response = artist_client.post("/studio/billing/features/", {"artwork": work.pk, "days": 3, "attempt_token": "f1"})
    done = artist_client.get(_save_card_on_the_gateway_page(artist_client, response))
    assert done.status_code == 302 and done.url == "/studio/billing/features/"
    assert FeaturedListing.objects.get().artwork == work
    assert BillingCharge.objects.get().payment.status == PaymentStatus.COMPLETED
    # With the card saved, the next feature is paid at once.
    again = artist_client.post("/studio/billing/features/", {"artwork": work.pk, "days": 2, "attempt_token": "f2"})
    assert again.status_code == 302 and again.url == "/studio/billing/features/"
    assert BillingCharge.objects.count() == 2


def test_featuring_someone_elses_work_or_too_many_days_is_400(artist_client, artist, other_artist):
    theirs = make_artwork(other_artist)
    mine = make_artwork(artist)
    assert artist_client.post("/studio/billing/features/", {"artwork": theirs.pk, "days": 3,
                                                            "attempt_token": "x1"}).status_code == 400
    assert artist_client.post("/studio/billing/features/", {"artwork": mine.pk, "days": 999,
                                                            "attempt_token": "x2"}).status_code == 400
    assert not FeaturedListing.objects.exists()
