"""Verified reviews through the API: only buyers who received a work review it, once per purchase."""
import datetime

import pytest
from django.utils import timezone

from storefront.catalogue.reviews.models import ProductReview
from storefront.catalogue.reviews.services import review_answer, review_hide, review_update
from tests.factories.api import client_for
from tests.factories.recommend import make_edition
from tests.factories.reviews import make_received_order, make_review
from tests.factories.studio import make_paid_order

pytestmark = pytest.mark.django_db

BODY = {"score": 4, "body": "The blues glow in the morning light."}


def _url(artwork):
    return f"/api/v1/products/{artwork.pk}/reviews"


def test_a_buyer_who_received_the_work_reviews_it_and_everyone_sees_it(buyer, artwork, api_client):
    make_received_order(buyer, artwork)
    response = client_for(buyer).post(_url(artwork), BODY, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["score"] == 4 and response.json()["verified"] is True
    listed = api_client.get(_url(artwork)).json()
    assert [r["body"] for r in listed["results"]] == [BODY["body"]]
    artwork.refresh_from_db()
    assert artwork.rating == 4.0


def test_a_second_review_of_the_same_purchase_is_a_conflict(buyer, artwork):
    make_received_order(buyer, artwork)
    client = client_for(buyer)
    assert client.post(_url(artwork), BODY, format="json").status_code == 201
    response = client.post(_url(artwork), {**BODY, "score": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "review_exists"
    assert ProductReview.objects.get().score == 4


def test_wrong_users_cannot_review_and_change_nothing(buyer, other_buyer, artwork, api_client):
    # Paid but not yet shipped: not received.
    make_paid_order(buyer, artwork)
    assert client_for(buyer).post(_url(artwork), BODY, format="json").status_code == 403
    assert client_for(other_buyer).post(_url(artwork), BODY, format="json").status_code == 403
    assert client_for(artwork.artist.user).post(_url(artwork), BODY, format="json").status_code == 403
    assert api_client.post(_url(artwork), BODY, format="json").status_code == 401
    assert not ProductReview.objects.exists()


def test_reviews_of_unknown_work_are_404_and_bad_stars_are_400(buyer, artwork):
    make_received_order(buyer, artwork)
    client = client_for(buyer)
    assert client.get("/api/v1/products/999999/reviews").status_code == 404
    response = client.post(_url(artwork), {"score": 6, "body": "x"}, format="json")
    assert response.status_code == 400 and "score" in response.json()["error"]["fields"]
    assert client.post(_url(artwork), {"score": 0, "body": "x"}, format="json").status_code == 400


def test_a_buyer_who_bought_the_work_twice_may_review_each_purchase(buyer, artist):
    edition = make_edition(artist, title="Tide print")
    make_received_order(buyer, edition)
    make_received_order(buyer, edition)
    client = client_for(buyer)
    assert client.post(_url(edition), BODY, format="json").status_code == 201
    assert client.post(_url(edition), BODY, format="json").status_code == 201
    assert client.post(_url(edition), BODY, format="json").status_code == 409


def test_a_review_is_editable_for_30_days_only(buyer, artwork):
    review = make_review(buyer, artwork, score=5)
    review_update(user=buyer, review_id=review.pk, score=3, body="Changed my mind a little.")
    ProductReview.objects.filter(pk=review.pk).update(date_created=timezone.now() - datetime.timedelta(days=31))
    with pytest.raises(Exception) as raised:
        review_update(user=buyer, review_id=review.pk, score=1, body="Too late.")
    assert getattr(raised.value, "code", "") == "review_locked"
    assert ProductReview.objects.get(pk=review.pk).score == 3


def test_the_artist_answers_once_and_nobody_else_may(buyer, other_buyer, artwork, other_artist):
    review = make_review(buyer, artwork)
    for stranger in (other_buyer, other_artist.user, buyer):
        with pytest.raises(Exception) as raised:
            review_answer(user=stranger, review_id=review.pk, answer="Thanks!")
        assert getattr(raised.value, "code", "") == "permission_denied"
    review_answer(user=artwork.artist.user, review_id=review.pk, answer="So glad it found your wall.")
    with pytest.raises(Exception) as raised:
        review_answer(user=artwork.artist.user, review_id=review.pk, answer="Again")
    assert getattr(raised.value, "code", "") == "answer_exists"
    assert ProductReview.objects.get(pk=review.pk).answer == "So glad it found your wall."


def test_a_hidden_review_leaves_the_list_and_the_average(buyer, other_buyer, artist, admin_user, api_client):
    edition = make_edition(artist, title="Tide print")
    make_review(buyer, edition, score=5)
    spam = make_review(other_buyer, edition, score=1, body="Buy cheap watches at …")
    assert api_client.get(_url(edition)).json()["count"] == 2
    review_hide(review=spam, admin=admin_user, reason="Advertising")
    assert [r["score"] for r in api_client.get(_url(edition)).json()["results"]] == [5]
    edition.refresh_from_db()
    assert edition.rating == 5.0
