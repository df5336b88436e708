"""Verified reviews on the web: written from the work's page, shown with the artist's answer, moderated in the CMS."""
import pytest

from storefront.catalogue.reviews.models import ProductReview
from tests.factories.reviews import make_received_order, make_review

pytestmark = pytest.mark.django_db


def _write_url(artwork):
    return f"{artwork.get_absolute_url()}reviews/write/"


def test_a_buyer_who_received_the_work_writes_a_review_from_its_page(client, buyer, artwork):
    make_received_order(buyer, artwork)
    client.force_login(buyer)
    page = client.get(artwork.get_absolute_url()).content.decode()
    assert "Write a review" in page
    response = client.post(_write_url(artwork), {"score": "5", "body": "Glows at dusk."})
    assert response.status_code == 302
    page = client.get(artwork.get_absolute_url()).content.decode()
    assert "Glows at dusk." in page and "5.0 of 5 (1)" in page and "Edit your review" in page


def test_a_buyer_who_did_not_receive_the_work_gets_no_form(client, other_buyer, artwork):
    client.force_login(other_buyer)
    assert "Write a review" not in client.get(artwork.get_absolute_url()).content.decode()
    assert client.get(_write_url(artwork)).status_code == 302
    assert client.post(_write_url(artwork), {"score": "5", "body": "Fake"}).status_code == 403
    assert not ProductReview.objects.exists()


def test_the_artist_answers_on_the_page_and_the_artist_page_shows_the_average(client, buyer, artwork):
    review = make_review(buyer, artwork, score=4)
    client.force_login(artwork.artist.user)
    answer_url = f"{artwork.get_absolute_url()}reviews/{review.pk}/answer/"
    assert client.post(answer_url, {"answer": "Thank you!"}).status_code == 302
    assert "Thank you!" in client.get(artwork.get_absolute_url()).content.decode()
    artist_page = client.get(artwork.artist.page.url).content.decode()
    assert "4.0 of 5 · 1 verified review" in artist_page


def test_an_admin_hides_a_review_in_the_cms_with_a_reason(client, buyer, artwork, admin_user):
    review = make_review(buyer, artwork, body="Call me on 555-0100 for cheap frames")
    client.force_login(admin_user)
    listing = client.get("/cms/reviews/").content.decode()
    assert "w-slim-header" in listing or "w-header" in listing
    edit = f"/cms/reviews/edit/{review.pk}/"
    assert client.post(edit, {"visibility": "hide", "hidden_reason": ""}).status_code == 200
    assert ProductReview.objects.get().status == ProductReview.APPROVED
    assert client.post(edit, {"visibility": "hide", "hidden_reason": "Advertising"}).status_code == 302
    hidden = ProductReview.objects.get()
    assert hidden.is_hidden and hidden.hidden_reason == "Advertising" and hidden.hidden_by == admin_user
    page = client.get(artwork.get_absolute_url()).content.decode()
    assert "cheap frames" not in page[page.index('id="reviews"'):]
