"""Every object-scoped endpoint and page, tried by the wrong user, is refused and changes nothing.

One buyer owns a cart, an order (with a payment attempt) and a special order to one artist;
that artist owns works, an image and the order's line. An anonymous visitor, another buyer
and another artist then try every path that reaches those objects, reading and writing.
The API must answer 401, 403 or 404; a page must answer 403 or 404 or send the visitor to
log in (the CMS: back to its dashboard with "permission denied").
"""
import pytest
from rest_framework.authtoken.models import Token

from tests.factories.catalogue import make_artist, make_artwork
from tests.factories.orders import make_basket, make_order
from tests.factories.studio import make_special_order

pytestmark = pytest.mark.django_db
API_REFUSALS = {401, 403, 404}
PAGE_REFUSALS = {403, 404}
LOGIN_PAGES = ("/shop/accounts/login/", "/cms/login/")


@pytest.fixture
def owned(buyer, artist, artwork):
    order = make_order(buyer, artwork)
    spare = make_artwork(artist, title="Spare Work")
    make_basket(buyer, spare)
    special_order = make_special_order(buyer, artist)
    return {"buyer": buyer, "artist": artist, "artwork": spare, "image": spare.images.first(),
            "order": order, "special_order": special_order}


def _api_calls(o) -> list[tuple[str, str, dict]]:
    uid, number, so, aw = o["buyer"].pk, o["order"].number, o["special_order"].pk, o["artwork"].pk
    return [
        ("get", f"/api/v1/cart/{uid}", {}),
        ("post", f"/api/v1/cart/{uid}/add", {"product_id": aw, "quantity": 1}),
        ("put", f"/api/v1/cart/{uid}/update", {"product_id": aw, "quantity": 1}),
        ("delete", f"/api/v1/cart/{uid}/remove/{aw}", {}),
        ("get", f"/api/v1/orders/{number}", {}),
        ("get", f"/api/v1/orders/{number}/payments", {}),
        ("post", f"/api/v1/orders/{number}/pay", {"card_number": "4242424242424242"}),
        ("get", f"/api/v1/special-orders/{so}", {}),
        *[("post", f"/api/v1/special-orders/{so}/{action}", {"price": "300.00", "ready_by": "2099-01-01",
                                                               "note": "x", "reason": "x"})
          for action in ("quote", "decline", "accept", "cancel", "start", "deliver", "complete")],
        ("get", f"/api/v1/studio/artworks/{aw}", {}),
        ("patch", f"/api/v1/studio/artworks/{aw}", {"title": "Stolen"}),
        ("delete", f"/api/v1/studio/artworks/{aw}", {}),
        ("post", f"/api/v1/studio/artworks/{aw}/restore", {}),
        ("post", f"/api/v1/studio/artworks/{aw}/images", {}),
        ("delete", f"/api/v1/studio/artworks/{aw}/images/{o['image'].pk}", {}),
        ("post", f"/api/v1/studio/orders/{number}/ship", {"note": "shipped"}),
    ]


def _page_calls(o) -> list[tuple[str, str, dict]]:
    number, so, aw = o["order"].number, o["special_order"].pk, o["artwork"].pk
    page_id = o["artist"].page.pk
    return [
        ("get", f"/shop/accounts/orders/{number}/", {}),
        ("get", f"/shop/checkout/orders/{number}/pay/", {}),
        ("post", f"/shop/checkout/orders/{number}/pay/", {"card_number": "4242424242424242"}),
        ("get", f"/special-orders/{so}/", {}),
        ("post", f"/special-orders/{so}/cart/", {}),
        *[("post", f"/special-orders/{so}/{action}/", {"reason": "x"}) for action in ("accept", "cancel")],
        ("get", f"/studio/artworks/{aw}/", {}),
        ("post", f"/studio/artworks/{aw}/", {"title": "Stolen", "price": "1.00"}),
        ("post", f"/studio/artworks/{aw}/withdraw/", {}),
        ("post", f"/studio/artworks/{aw}/images/{o['image'].pk}/remove/", {}),
        ("post", f"/studio/orders/{number}/ship/", {"note": "x"}),
        ("get", f"/studio/special-orders/{so}/", {}),
        *[("post", f"/studio/special-orders/{so}/{action}/", {"quote-price": "1.00", "quote-ready_by": "2099-01-01"})
          for action in ("quote", "decline", "start", "deliver")],
        ("get", f"/cms/pages/{page_id}/edit/", {}),
        ("post", f"/cms/pages/{page_id}/edit/", {"title": "Stolen"}),
        ("post", f"/cms/pages/{page_id}/delete/", {}),
    ]


@pytest.fixture(params=["anonymous", "another buyer", "another artist"])
def intruder(request, db, site_tree, vibe):
    if request.param == "anonymous":
        return None
    if request.param == "another buyer":
        from tests.factories.catalogue import make_buyer

        return make_buyer()
    return make_artist("Intruding Artist", vibe=vibe).user


def _assert_unchanged(o):
    from oscar.core.loading import get_model

    Basket = get_model("basket", "Basket")
    o["special_order"].refresh_from_db()
    o["artwork"].refresh_from_db()
    o["order"].refresh_from_db()
    assert o["special_order"].status == "requested"
    assert o["artwork"].title == "Spare Work" and o["artwork"].images.count() == 1
    assert o["order"].status == "Pending payment" and not o["order"].payments.exists()
    assert Basket.open.get(owner=o["buyer"]).num_lines == 1
    assert o["artist"].page.title != "Stolen"


def test_the_api_refuses_the_wrong_user_on_every_object_scoped_endpoint(owned, intruder, api_client):
    if intruder is not None:
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=intruder).key}")
    answers = {f"{method.upper()} {url}": getattr(api_client, method)(url, data, format="json").status_code
               for method, url, data in _api_calls(owned)}
    assert {call: status for call, status in answers.items() if status not in API_REFUSALS} == {}
    if intruder is None:
        assert set(answers.values()) == {401}
    _assert_unchanged(owned)


def test_the_pages_refuse_the_wrong_user_on_every_object_scoped_page(owned, intruder, client):
    if intruder is not None:
        client.force_login(intruder)
    wrong = {}
    for method, url, data in _page_calls(owned):
        response = getattr(client, method)(url, data)
        location = response.get("Location", "")
        refused = (response.status_code in PAGE_REFUSALS
                   or response.status_code == 302 and (location.startswith(LOGIN_PAGES) or location == "/cms/"))
        if not refused:
            wrong[f"{method.upper()} {url}"] = (response.status_code, location)
    assert wrong == {}
    _assert_unchanged(owned)


def test_the_owners_themselves_reach_every_path_the_walk_uses(owned, api_client, client):
    """The walk's paths are real: their owners read them (so a refusal above is a refusal)."""
    for user, prefix in ((owned["buyer"], ("/api/v1/cart", "/api/v1/orders", "/api/v1/special-orders")),
                         (owned["artist"].user, ("/api/v1/studio/artworks/", "/api/v1/special-orders"))):
        api_client.force_authenticate(user)
        for method, url, _ in _api_calls(owned):
            if method == "get" and url.startswith(prefix):
                assert api_client.get(url).status_code == 200, url
    pages = [url for method, url, _ in _page_calls(owned) if method == "get"]
    client.force_login(owned["buyer"])
    for url in pages:
        if url.startswith(("/shop/", "/special-orders/")):
            assert client.get(url).status_code == 200, url
    client.force_login(owned["artist"].user)
    for url in pages:
        if url.startswith(("/studio/", "/cms/")):
            assert client.get(url).status_code == 200, url
