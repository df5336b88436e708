"""Orders of my art: only my lines, buyer and shipping details; I mark my lines shipped and the buyer is told."""
import pytest
from oscar.core.loading import get_model

from artiqo.outbox.models import OutboxMessage
from storefront.order import statuses
from tests.factories.api import client_for
from tests.factories.catalogue import make_artwork, make_buyer
from tests.factories.orders import make_order
from tests.factories.studio import make_paid_order

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_order(artwork, other_artist):
    """A paid order holding one of the artist's works and one of another artist's."""
    buyer = make_buyer(first_name="Ada", last_name="Byron")
    theirs = make_artwork(other_artist, title="Not Yours")
    return make_paid_order(buyer, artwork, theirs)


def test_the_artist_sees_only_their_lines_with_the_buyer_and_where_to_ship(studio, shared_order):
    page = studio.get("/studio/orders/").content.decode()
    assert f"Order {shared_order.number}" in page and "Harbour at Dusk" in page
    assert "Not Yours" not in page
    assert "Ada Byron" in page and "Strandkaien 3" in page and "Bergen" in page
    assert "To ship" in page and "Mark shipped" in page


def test_a_buyer_who_never_gave_a_name_is_shown_by_email_not_by_a_made_up_username(studio, artwork):
    # Oscar's old web sign-up made up usernames like this one, which name nobody.
    buyer = make_buyer("Okcdtgfz_VEQnWdF", email="jo@example.com")
    order = make_paid_order(buyer, artwork)
    order.shipping_address.delete()
    page = studio.get("/studio/orders/").content.decode()
    assert "by jo@example.com" in page and "Okcdtgfz" not in page


def test_unpaid_orders_are_not_listed(studio, artwork):
    make_order(make_buyer(), artwork)
    assert "Harbour at Dusk" not in studio.get("/studio/orders/").content.decode()


def test_marking_lines_shipped_records_it_and_emails_the_buyer_the_tracking_note(studio, shared_order, artist):
    line = shared_order.lines.get(partner=artist.partner)
    response = studio.post(f"/studio/orders/{shared_order.number}/ship/",
                           {f"o{shared_order.pk}-line_ids": [line.pk], f"o{shared_order.pk}-note": "Posten 7070"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == statuses.SHIPPED
    assert line.shipping_events.get().notes == "Posten 7070"
    mail = OutboxMessage.objects.get(dedup_key__contains="shipping-event")
    assert mail.to == [shared_order.user.email]
    assert mail.subject == f"Order {shared_order.number}: Mira Solberg has sent your art"
    assert "Harbour at Dusk × 1" in mail.text and "Posten 7070" in mail.text and "Not Yours" not in mail.text
    assert "Posten 7070" in mail.html
    # The other artist's line is still to ship, so the order is not shipped as a whole yet.
    shared_order.refresh_from_db()
    assert shared_order.status == statuses.PAID
    assert "Posten 7070" in studio.get("/studio/orders/").content.decode()


def test_the_order_is_shipped_once_every_artist_shipped_their_lines(shared_order, artist, other_artist):
    for who in (artist, other_artist):
        client = client_for(who.user)
        order = client.get("/api/v1/studio/orders").json()["results"][0]
        response = client.post(f"/api/v1/studio/orders/{shared_order.number}/ship",
                               {"line_ids": [line["id"] for line in order["lines"]], "note": who.name}, format="json")
        assert response.status_code == 200, response.content
        assert [line["status"] for line in response.json()["lines"]] == ["Shipped"]
        assert response.json()["lines"][0]["shipping_notes"] == [who.name]
    shared_order.refresh_from_db()
    assert shared_order.status == statuses.SHIPPED
    assert OutboxMessage.objects.filter(dedup_key__contains="shipping-event").count() == 2


def test_an_artist_cannot_ship_another_artists_line_or_twice_or_before_payment(shared_order, artist, other_artist,
                                                                               artwork):
    client = client_for(artist.user)
    theirs = shared_order.lines.get(partner=other_artist.partner)
    mine = shared_order.lines.get(partner=artist.partner)
    url = f"/api/v1/studio/orders/{shared_order.number}/ship"
    assert client.post(url, {"line_ids": [theirs.pk]}, format="json").status_code == 404
    assert client.post(url, {"line_ids": [mine.pk, theirs.pk]}, format="json").status_code == 404
    assert client.post(url, {"line_ids": []}, format="json").status_code == 400
    assert client.post(url, {"line_ids": [mine.pk]}, format="json").status_code == 200
    again = client.post(url, {"line_ids": [mine.pk]}, format="json")
    assert again.status_code == 409 and "Already marked shipped" in again.json()["error"]["message"]

    unpaid = make_order(make_buyer(), make_artwork(artist, title="Fresh"))
    response = client.post(f"/api/v1/studio/orders/{unpaid.number}/ship",
                           {"line_ids": [unpaid.lines.get().pk]}, format="json")
    assert response.status_code == 404  # not among the orders of their art until paid
    theirs_only = make_paid_order(make_buyer(), make_artwork(other_artist))
    assert client.post(f"/api/v1/studio/orders/{theirs_only.number}/ship",
                       {"line_ids": [theirs_only.lines.get().pk]}, format="json").status_code == 404


def test_the_orders_list_runs_a_fixed_number_of_queries(studio, studio_api, artist, django_assert_max_num_queries):
    buyer = make_buyer()
    make_paid_order(buyer, make_artwork(artist))
    with django_assert_max_num_queries(10) as few:
        studio_api.get("/api/v1/studio/orders")
    for _ in range(6):
        make_paid_order(make_buyer(), make_artwork(artist), make_artwork(artist))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert studio_api.get("/api/v1/studio/orders").json()["count"] == 7
    with django_assert_max_num_queries(20) as page_few:
        studio.get("/studio/orders/")
    for _ in range(6):
        make_paid_order(make_buyer(), make_artwork(artist))
    with django_assert_max_num_queries(len(page_few.captured_queries)):
        assert studio.get("/studio/orders/").status_code == 200


def _orders_on(page) -> list[str]:
    return [order.number for order, _ in page.context["rows"]]


@pytest.fixture
def three_orders(artist):
    """An old paid order still to ship, one staff completed, and the newest, shipped by the artist."""
    from datetime import timedelta

    from django.utils import timezone

    from studio.services import order_lines_ship

    to_ship, completed, shipped = (make_paid_order(make_buyer(), make_artwork(artist, title=title))
                                   for title in ("Still Here", "Done Deal", "On Its Way"))
    now = timezone.now()
    for age, order in ((3, to_ship), (2, completed), (1, shipped)):
        Order.objects.filter(pk=order.pk).update(date_placed=now - timedelta(days=age))
    Order.objects.filter(pk=completed.pk).update(status=statuses.COMPLETE)
    order_lines_ship(artist=artist, order=shipped, line_ids=[shipped.lines.get().pk], note="")
    return to_ship, completed, shipped


def test_orders_to_ship_come_first_and_a_completed_order_never_says_not_shipped(studio, three_orders):
    to_ship, completed, shipped = three_orders
    page = studio.get("/studio/orders/")
    assert _orders_on(page) == [to_ship.number, shipped.number, completed.number]
    html = page.content.decode()
    assert "Not shipped" not in html
    assert 'data-to-ship="1"' in html and "1 order to ship" in html
    assert html.index(">To ship</h2>") < html.index("Still Here") < html.index(">Shipped and closed</h2>")
    states = {order.number: [line.studio_state for line in order.artist_lines] for order, _ in page.context["rows"]}
    assert states == {to_ship.number: ["To ship"], shipped.number: ["Shipped"], completed.number: ["Complete"]}
    forms = {order.number: form is not None for order, form in page.context["rows"]}
    assert forms == {to_ship.number: True, shipped.number: False, completed.number: False}


def test_orders_come_a_page_at_a_time_with_the_ones_to_ship_on_the_first(studio, three_orders, monkeypatch):
    from studio.views import works as views_studio

    monkeypatch.setattr(views_studio, "ORDERS_PER_PAGE", 2)
    to_ship, completed, shipped = three_orders
    first = studio.get("/studio/orders/")
    assert _orders_on(first) == [to_ship.number, shipped.number]
    assert 'href="?page=2"' in first.content.decode()
    assert _orders_on(studio.get("/studio/orders/?page=2")) == [completed.number]
    assert _orders_on(studio.get("/studio/orders/?page=99")) == [completed.number]  # past the end: the last page


def test_each_page_of_orders_runs_the_same_queries_however_many_orders(studio, artist, monkeypatch,
                                                                        django_assert_max_num_queries):
    from studio.views import works as views_studio

    monkeypatch.setattr(views_studio, "ORDERS_PER_PAGE", 3)
    for _ in range(4):
        make_paid_order(make_buyer(), make_artwork(artist), make_artwork(artist))
    with django_assert_max_num_queries(25) as few:
        studio.get("/studio/orders/?page=2")
    done = [make_paid_order(make_buyer(), make_artwork(artist)) for _ in range(5)]
    Order.objects.filter(pk__in=[order.pk for order in done[:3]]).update(status=statuses.COMPLETE)
    for page in (1, 2, 3):
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert studio.get(f"/studio/orders/?page={page}").status_code == 200
