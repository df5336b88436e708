"""An artwork's page: its pictures, facts, price, availability and cart form; nothing written for visitors."""
import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.catalogue.services import artwork_image_add
from storefront.catalogue.viewlog import VIEWED_COOKIE, visitor_view_record, visitor_viewed_ids
from tests.factories.catalogue import make_artwork, make_buyer, png_bytes
from tests.factories.orders import make_order
from tests.factories.storefront import mark_sold
from tests.factories.studio import make_paid_order
from tests.functional.storefront.queries import page_queries

ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
Order = get_model("order", "Order")


@pytest.mark.django_db
def test_the_page_shows_the_work_its_artist_and_its_facts(client, storefront_catalogue):
    harbour = storefront_catalogue["works"]["harbour"]
    response = client.get(harbour.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Harbour at Dusk", "$120.00", "Watercolour", "30 × 40.5 cm", "2024", "Original, one of a kind",
                 "Available · one of a kind", "#sea", "#evening", ">Calm<", "Bergen"):
        assert text in html, text
    assert 'href="/artists/mira-solberg/"' in html
    assert harbour.images.first().original.url in html


@pytest.mark.django_db
def test_an_available_work_has_an_add_to_cart_form(client, storefront_catalogue):
    harbour = storefront_catalogue["works"]["harbour"]
    html = client.get(harbour.get_absolute_url()).content.decode()
    assert f'action="/shop/basket/add/{harbour.pk}/"' in html
    assert 'name="csrfmiddlewaretoken"' in html and "Add to cart" in html


@pytest.mark.django_db
def test_a_sold_original_says_sold_and_has_no_add_button(client, storefront_catalogue):
    sold = storefront_catalogue["works"]["sold"]
    html = client.get(sold.get_absolute_url()).content.decode()
    assert "Sold — this original has found its home." in html
    assert "Add to cart" not in html and "/shop/basket/add/" not in html


@pytest.mark.django_db
def test_an_edition_shows_the_prints_left_and_caps_the_quantity(client, storefront_catalogue):
    poster = storefront_catalogue["works"]["poster"]
    mark_sold(poster, quantity=2)
    html = client.get(poster.get_absolute_url()).content.decode()
    assert "3 of 5 prints left" in html and "Limited edition of 5 prints" in html
    assert 'name="quantity" value="1" min="1" max="3"' in html


@pytest.mark.django_db
def test_a_sold_out_edition_says_so(client, storefront_catalogue):
    poster = mark_sold(storefront_catalogue["works"]["poster"])
    html = client.get(poster.get_absolute_url()).content.decode()
    assert "Sold out" in html and "Add to cart" not in html


@pytest.mark.django_db
def test_every_image_of_the_work_is_in_the_gallery(client, storefront_catalogue):
    harbour = storefront_catalogue["works"]["harbour"]
    artwork_image_add(product=harbour, data=png_bytes((200, 30, 30)), display_order=1)
    html = client.get(harbour.get_absolute_url()).content.decode()
    assert html.count("data-gallery-thumb") == 2
    for image in harbour.images.all():
        assert image.thumbnail.url in html


@pytest.mark.django_db
def test_an_old_slug_redirects_to_the_work_and_a_hidden_work_is_404(client, storefront_catalogue):
    harbour = storefront_catalogue["works"]["harbour"]
    response = client.get(f"/shop/catalogue/old-title_{harbour.pk}/")
    assert response.status_code == 301 and response["Location"] == harbour.get_absolute_url()
    hidden = make_artwork(storefront_catalogue["artists"]["mira"], title="Not Yet", is_public=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/shop/catalogue/nothing_999999/").status_code == 404


@pytest.mark.django_db
def test_visitors_viewing_a_work_write_nothing(client, storefront_catalogue):
    harbour = storefront_catalogue["works"]["harbour"]
    client.get(harbour.get_absolute_url())
    client.get(harbour.get_absolute_url())
    assert not ProductRecord.objects.exists() and not UserProductView.objects.exists()


@pytest.mark.django_db
def test_a_visitor_looking_at_works_gets_no_session(client, storefront_catalogue):
    works = storefront_catalogue["works"]
    for work in (works["harbour"], works["fjord"], works["harbour"]):
        response = client.get(work.get_absolute_url())
        assert response.status_code == 200
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()
    assert settings.SESSION_COOKIE_NAME not in client.cookies


@pytest.mark.django_db
def test_looking_at_the_same_work_again_sets_no_cookie(client, storefront_catalogue):
    url = storefront_catalogue["works"]["harbour"].get_absolute_url()
    assert VIEWED_COOKIE in client.get(url).cookies
    assert VIEWED_COOKIE not in client.get(url).cookies


def test_a_visitor_is_remembered_for_the_last_twenty_works_newest_first():
    request = RequestFactory().get("/")
    for pk in range(1, 26):
        response = HttpResponse()
        visitor_view_record(request=request, response=response, product_id=pk)
        request = RequestFactory().get("/")  # the next page: only the cookie carries the list
        request.COOKIES = {VIEWED_COOKIE: response.cookies[VIEWED_COOKIE].value}
    assert visitor_viewed_ids(request=request) == list(range(25, 5, -1))
    assert len(response.cookies[VIEWED_COOKIE].value) < 200


@pytest.mark.django_db
def test_a_signed_in_buyers_view_is_one_row_for_the_recommender(client, storefront_catalogue, buyer):
    harbour = storefront_catalogue["works"]["harbour"]
    client.force_login(buyer)
    client.get(harbour.get_absolute_url())
    assert list(UserProductView.objects.values_list("user_id", "product_id")) == [(buyer.pk, harbour.pk)]
    assert not ProductRecord.objects.exists()


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_with_more_images_and_tags(client, storefront_catalogue, buyer,
                                                                   django_assert_max_num_queries):
    harbour = storefront_catalogue["works"]["harbour"]
    url = harbour.get_absolute_url()
    client.force_login(buyer)
    before = page_queries(client, url, django_assert_max_num_queries, most=20)
    for order in range(1, 5):
        artwork_image_add(product=harbour, data=png_bytes((order * 40, 60, 90)), display_order=order)
    harbour.tags.add("one", "two", "three", "four")
    assert page_queries(client, url, django_assert_max_num_queries, most=20) == before


@pytest.mark.django_db
def test_a_featured_work_is_labelled_featured_on_its_page(client, storefront_catalogue):
    from tests.factories.billing import make_feature

    fjord, storm = storefront_catalogue["works"]["fjord"], storefront_catalogue["works"]["storm"]
    make_feature(fjord)
    assert ">Featured</span>" in client.get(fjord.get_absolute_url()).content.decode()
    assert ">Featured</span>" not in client.get(storm.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_buyer_whose_work_has_not_arrived_has_no_review_to_write_and_oscars_form_is_gone(
        client, storefront_catalogue):
    poster = storefront_catalogue["works"]["poster"]
    buyer = make_buyer()
    order = make_paid_order(buyer, poster)
    client.force_login(buyer)
    for url in (poster.get_absolute_url(), f"/shop/accounts/orders/{order.number}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "write a review" not in response.content.decode().lower(), url
    # Oscar's page that said "SOLD OUT" with no form for a work in stock stays gone.
    add_review = f"/shop/catalogue/{poster.slug}_{poster.pk}/reviews/add/"
    assert client.get(add_review).status_code == 404


@pytest.mark.django_db
def test_a_work_held_by_another_buyers_unpaid_order_is_reserved_not_sold_on_the_page_and_in_the_api(
        client, api_client, storefront_catalogue):
    harbour = storefront_catalogue["works"]["harbour"]
    order = make_order(make_buyer(), harbour)
    html = client.get(harbour.get_absolute_url()).content.decode()
    assert "Reserved — another buyer is paying for it right now" in html and "Sold" not in html
    assert "Add to cart" not in html
    detail = api_client.get(f"/api/v1/products/{harbour.pk}").json()
    assert detail["availability"]["is_available"] is False
    assert detail["reserved_until"].startswith(order.hold_expires_at.strftime("%Y-%m-%dT%H:%M"))
    browse = client.get("/shop/catalogue/").content.decode()
    card = browse.split("Harbour at Dusk")[0].rsplit('<li class="art-card', 1)[1]
    assert "Reserved" in card and "Sold" not in card


@pytest.mark.django_db
def test_a_work_whose_hold_lapsed_is_for_sale_again_on_the_page_and_in_the_api(
        client, api_client, storefront_catalogue):
    harbour = storefront_catalogue["works"]["harbour"]
    order = make_order(make_buyer(), harbour)
    Order.objects.filter(pk=order.pk).update(hold_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    html = client.get(harbour.get_absolute_url()).content.decode()
    assert "Available · one of a kind" in html and "Add to cart" in html
    detail = api_client.get(f"/api/v1/products/{harbour.pk}").json()
    assert detail["availability"]["is_available"] is True and detail["reserved_until"] is None


@pytest.mark.django_db
def test_a_sold_work_is_sold_in_the_api_with_no_reservation(api_client, storefront_catalogue):
    sold = storefront_catalogue["works"]["sold"]
    detail = api_client.get(f"/api/v1/products/{sold.pk}").json()
    assert detail["availability"]["is_available"] is False and detail["reserved_until"] is None
