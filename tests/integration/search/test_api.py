"""GET /api/v1/search/ and /search/suggest/: answers, junk input, bad filters, methods."""
import pytest


@pytest.mark.parametrize("path", ["/api/v1/search/", "/api/v1/search"])
def test_the_api_answers_with_and_without_a_trailing_slash(client, catalogue, path):
    response = client.get(path, {"q": "blue ocean watercolour"})

    assert response.status_code == 200
    body = response.json()
    assert body["mode"] == "all" and body["count"] == 2
    first = body["results"][0]
    assert {"Blue Ocean", "Ocean Blues"} == {r["title"] for r in body["results"]}
    assert first["price"] in ("240.00", "180.00") and first["artist"]["slug"] == "mira-solberg"
    assert body["filters"] is None


def test_counts_are_added_when_asked(client, catalogue):
    body = client.get("/api/v1/search/", {"q": "blue", "counts": "true"}).json()

    assert {c["value"]: c["count"] for c in body["filters"]["media"]} == {"watercolour": 3, "oil": 1}


def test_a_corrected_query_says_what_was_searched(client, catalogue):
    body = client.get("/api/v1/search/", {"q": "dreemy"}).json()

    assert (body["mode"], body["searched"]) == ("corrected", "dreamy")
    assert body["count"] == 2


def test_paging_links_carry_the_query(client, catalogue):
    body = client.get("/api/v1/search/", {"q": "ocean", "page_size": 2}).json()

    assert body["num_pages"] == 2 and body["previous"] is None
    assert "q=ocean" in body["next"] and "page=2" in body["next"]


@pytest.mark.parametrize(
    "junk",
    ["", "   ", "!!!???", "AND OR (", '"', '"unbalanced', "*", "title:", "text:* OR", "x" * 1000,
     "blue " * 200, "\x00\x01", "%", "ocean^99 AND -", "((((", "[1 TO 2]", "🙂🎨", "the and of"],
)
def test_junk_queries_get_a_clear_empty_answer_never_an_error(client, catalogue, junk):
    response = client.get("/api/v1/search/", {"q": junk})

    assert response.status_code == 200
    body = response.json()
    if body["mode"] == "empty":
        assert body["count"] == 0 and body["results"] == []


@pytest.mark.parametrize(
    "params, field",
    [
        ({"min_price": "cheap"}, "min_price"),
        ({"min_price": "-5"}, "min_price"),
        ({"min_price": "500", "max_price": "100"}, "max_price"),
        ({"sort": "popularity"}, "sort"),
        ({"medium": "clay"}, "medium"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"available": "maybe"}, "available"),
        ({"vibe": "calm; DROP TABLE"}, "vibe"),
    ],
)
def test_bad_filters_are_a_400_naming_the_field(client, catalogue, params, field):
    response = client.get("/api/v1/search/", {"q": "blue", **params})

    assert response.status_code == 400
    error = response.json()["error"]
    assert field in error["fields"]


def test_other_methods_are_not_allowed(client, catalogue):
    assert client.post("/api/v1/search/", {"q": "blue"}).status_code == 405
    assert client.delete("/api/v1/search/suggest/").status_code == 405


def test_suggestions_complete_artists_vibes_and_titles_from_a_prefix(client, catalogue):
    kinds = {(s["kind"], s["label"]) for s in client.get("/api/v1/search/suggest/", {"q": "oc"}).json()["suggestions"]}
    assert {("artwork", "Blue Ocean"), ("artwork", "Ocean Blues")} <= kinds

    artists = client.get("/api/v1/search/suggest", {"q": "mir"}).json()["suggestions"]
    assert artists[0] == {"kind": "artist", "label": "Mira Solberg", "url": "/artists/mira-solberg/"}

    vibes = client.get("/api/v1/search/suggest/", {"q": "drea"}).json()["suggestions"]
    assert vibes[0]["kind"] == "vibe" and vibes[0]["label"] == "Dreamy"


@pytest.mark.parametrize("junk", ["", "a", "AND OR (", "*", "x" * 1000])
def test_junk_prefixes_suggest_nothing(client, catalogue, junk):
    response = client.get("/api/v1/search/suggest/", {"q": junk})

    assert response.status_code == 200
    assert response.json()["suggestions"] == []


def test_answers_have_exactly_the_documented_fields(client, catalogue):
    from search.api.serializers import SearchAnswerSerializer, SearchHitSerializer, SuggestAnswerSerializer

    body = client.get("/api/v1/search/", {"q": "blue", "counts": "true"}).json()
    assert set(body) == set(SearchAnswerSerializer().fields)
    assert set(body["results"][0]) == set(SearchHitSerializer().fields)
    assert set(body["filters"]) == set(SearchAnswerSerializer().fields["filters"].fields)
    suggest = client.get("/api/v1/search/suggest/", {"q": "blu"}).json()
    assert set(suggest) == set(SuggestAnswerSerializer().fields)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/search/?q=blue&counts=true", "/api/v1/search/suggest?q=bl",
                                  "/shop/search/?q=blue"])
def test_a_new_shop_with_nothing_indexed_yet_answers_search_with_no_results(client, site_tree, path):
    response = client.get(path)

    assert response.status_code == 200
    if path.startswith("/api/v1/search/?"):
        assert response.json()["count"] == 0
