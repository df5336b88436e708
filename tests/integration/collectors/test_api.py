"""/api/v1/favourites and /api/v1/following: the buyer's own hearts and follows, and nobody else's."""
import pytest

from collectors.models import Favourite, Follow
from tests.factories.api import client_for
from tests.factories.catalogue import make_artwork

pytestmark = pytest.mark.django_db


def test_a_buyer_hearts_a_work_and_finds_it_in_their_favourites_with_its_card(buyer, artwork):
    api = client_for(buyer)
    created = api.post("/api/v1/favourites", {"product_id": artwork.pk}, format="json")
    assert created.status_code == 201
    assert created.json()["product_id"] == artwork.pk
    assert created.json()["artwork"]["title"] == artwork.title
    listed = api.get("/api/v1/favourites").json()
    assert [entry["product_id"] for entry in listed["results"]] == [artwork.pk]
    assert listed["results"][0]["date_added"] and listed["results"][0]["artwork"]["price"] == "120.00"


def test_hearting_a_work_twice_is_a_conflict_and_keeps_one(buyer, artwork):
    api = client_for(buyer)
    api.post("/api/v1/favourites", {"product_id": artwork.pk}, format="json")
    again = api.post("/api/v1/favourites/", {"product_id": artwork.pk}, format="json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_favourite"
    assert Favourite.objects.filter(user=buyer).count() == 1


def test_unhearting_removes_it_and_a_second_delete_is_not_found(buyer, artwork):
    api = client_for(buyer)
    api.post("/api/v1/favourites", {"product_id": artwork.pk}, format="json")
    assert api.delete(f"/api/v1/favourites/{artwork.pk}").status_code == 204
    assert api.get("/api/v1/favourites").json()["results"] == []
    assert api.delete(f"/api/v1/favourites/{artwork.pk}").json()["error"]["code"] == "favourite_not_found"


def test_an_unknown_work_or_a_bad_body_is_refused(buyer):
    api = client_for(buyer)
    assert api.post("/api/v1/favourites", {"product_id": 999999}, format="json").status_code == 404
    bad = api.post("/api/v1/favourites", {"product_id": "x"}, format="json")
    assert bad.status_code == 400 and "product_id" in bad.json()["error"]["fields"]


def test_a_buyer_follows_an_artist_once_and_unfollows(buyer, artist):
    api = client_for(buyer)
    created = api.post("/api/v1/following", {"artist_id": artist.pk}, format="json")
    assert created.status_code == 201 and created.json()["artist"]["name"] == artist.name
    again = api.post("/api/v1/following", {"artist_id": artist.pk}, format="json")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_following")
    assert [row["artist_id"] for row in api.get("/api/v1/following").json()["results"]] == [artist.pk]
    assert api.delete(f"/api/v1/following/{artist.pk}").status_code == 204
    assert api.delete(f"/api/v1/following/{artist.pk}").status_code == 404
    assert api.post("/api/v1/following", {"artist_id": 999999}, format="json").status_code == 404


@pytest.mark.parametrize("method,path,body", [
    ("get", "/api/v1/favourites", None),
    ("post", "/api/v1/favourites", {"product_id": 1}),
    ("delete", "/api/v1/favourites/1", None),
    ("get", "/api/v1/following", None),
    ("post", "/api/v1/following", {"artist_id": 1}),
    ("delete", "/api/v1/following/1", None),
])
def test_anonymous_calls_are_401_with_the_error_body(api_client, method, path, body):
    response = getattr(api_client, method)(path, body, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_the_wrong_user_walk_sees_nothing_and_changes_nothing(buyer, other_buyer, artist, other_artist, artwork,
                                                                api_client):
    owner = client_for(buyer)
    owner.post("/api/v1/favourites", {"product_id": artwork.pk}, format="json")
    owner.post("/api/v1/following", {"artist_id": artist.pk}, format="json")
    before = (list(Favourite.objects.values_list("user_id", "product_id")),
              list(Follow.objects.values_list("user_id", "artist_id")))
    for intruder in (client_for(other_buyer), client_for(other_artist.user), api_client):
        listed = intruder.get("/api/v1/favourites")
        assert listed.status_code == 401 or listed.json()["results"] == []
        following = intruder.get("/api/v1/following")
        assert following.status_code == 401 or following.json()["results"] == []
        assert intruder.delete(f"/api/v1/favourites/{artwork.pk}").status_code in (401, 404)
        assert intruder.delete(f"/api/v1/following/{artist.pk}").status_code in (401, 404)
    after = (list(Favourite.objects.values_list("user_id", "product_id")),
             list(Follow.objects.values_list("user_id", "artist_id")))
    assert after == before


def test_the_favourites_list_costs_the_same_queries_for_two_works_or_twenty(buyer, artist,
                                                                              django_assert_max_num_queries):
    api = client_for(buyer)
    works = [make_artwork(artist) for _ in range(20)]
    for work in works[:2]:
        api.post("/api/v1/favourites", {"product_id": work.pk}, format="json")
    with django_assert_max_num_queries(10) as small:
        assert len(api.get("/api/v1/favourites").json()["results"]) == 2
    few = len(small.captured_queries)  # read now: the next request empties Django's query log
    for work in works[2:]:
        api.post("/api/v1/favourites", {"product_id": work.pk}, format="json")
    with django_assert_max_num_queries(few):
        assert len(api.get("/api/v1/favourites").json()["results"]) == 20
