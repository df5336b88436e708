"""A special order from request to completion: each step's state, history and the mail to the other side."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from artiqo.outbox.models import OutboxMessage
from commissions import services as so
from commissions.models import SpecialOrderEvent, SpecialOrderStatus
from storefront.basket.services import basket_for_user
from tests.factories.studio import image_bytes, make_paid_order, make_special_order

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db
READY_BY = timezone.localdate() + datetime.timedelta(days=21)


def _last_mail() -> OutboxMessage:
    return OutboxMessage.objects.order_by("-pk").first()


def test_the_artist_receives_the_special_order_by_mail_with_all_its_details_and_a_link(buyer, artist, vibe, artwork,
                                                                                      settings):
    settings.SITE_URL = "https://artiqo.example"
    buyer.first_name, buyer.last_name = "Ada", "Byron"
    buyer.save()
    special_order = make_special_order(
        buyer, artist, title="Harbour & boats", description="The harbour at dawn,\nwith two red boats.",
        vibe=vibe, medium="watercolour", width_cm=Decimal("40.0"), height_cm=Decimal("30.0"),
        budget=Decimal("450.00"), wished_date=READY_BY, inspired_by=artwork, references=[image_bytes()],
    )
    mail = _last_mail()
    assert mail.to == [artist.user.email]
    assert mail.subject == "New special order from Ada Byron: Harbour & boats"
    link = f"https://artiqo.example/studio/special-orders/{special_order.pk}/"
    for expected in ("The harbour at dawn,\nwith two red boats.", "Vibe: Calm", "Medium: Watercolour",
                     "Size: 40 × 30 cm", "Budget: 450.00 USD", READY_BY.strftime("%-d %B %Y"),
                     f"Something like: Harbour at Dusk (https://artiqo.example{artwork.get_absolute_url()})",
                     "Reference image 1: https://artiqo.example/media/special-orders/", link):
        assert expected in mail.text, (expected, mail.text)
    assert "Harbour &amp; boats" in mail.html and f'href="{link}"' in mail.html
    assert "The harbour at dawn,<br>with two red boats." in mail.html and "<img" in mail.html
    assert special_order.status == SpecialOrderStatus.REQUESTED
    [event] = special_order.events.all()
    assert (event.action, event.actor, event.to_status) == ("request", buyer, "requested")


def test_a_special_order_goes_from_request_to_completion_telling_the_other_side_each_time(buyer, artist):
    special_order = make_special_order(buyer, artist)
    artist_user = artist.user

    so.special_order_quote(special_order=special_order, user=artist_user, price=Decimal("380.00"),
                           ready_by=READY_BY, note="Framed, signed.")
    mail = _last_mail()
    assert mail.to == [buyer.email] and "Mira Solberg sent you a quote" in mail.subject
    assert "Price: 380.00 USD, delivery included, ready by" in mail.text and "Framed, signed." in mail.text
    assert f"/special-orders/{special_order.pk}/" in mail.text

    so.special_order_accept(special_order=special_order, user=buyer)
    special_order.refresh_from_db()
    mail = _last_mail()
    assert mail.to == [artist_user.email] and "accepted your quote" in mail.subject
    # The one-off work: hidden from the shop, an original at the quoted price, in the buyer's cart.
    work = Product.objects.get(pk=special_order.artwork_id)
    assert (work.is_public, work.kind, work.artist_id) == (False, "original", artist.pk)
    assert StockRecord.objects.get(product=work).price == Decimal("380.00")
    assert [line.product_id for line in basket_for_user(user=buyer).all_lines()] == [work.pk]

    order = make_paid_order(buyer)
    special_order.refresh_from_db()
    assert special_order.status == SpecialOrderStatus.PAID
    pay_mail = OutboxMessage.objects.get(dedup_key__startswith=f"special-order-{special_order.pk}-event-",
                                         subject__contains="paid for")
    assert pay_mail.to == [artist_user.email] and "you can start" in pay_mail.subject
    assert special_order.events.get(action="pay").note == f"Order {order.number}"

    so.special_order_start(special_order=special_order, user=artist_user, note="Sketching today.")
    assert _last_mail().to == [buyer.email] and "started on" in _last_mail().subject

    so.special_order_deliver(special_order=special_order, user=artist_user, note="Posten, tracking 70712345")
    mail = _last_mail()
    assert mail.to == [buyer.email] and "is on its way" in mail.subject and "tracking 70712345" in mail.text
    line = order.lines.get()
    line.refresh_from_db()
    assert line.status == "Shipped"  # the order line follows the delivery
    assert line.shipping_events.get().notes == "Posten, tracking 70712345"

    so.special_order_complete(special_order=special_order, user=buyer)
    special_order.refresh_from_db()
    assert special_order.status == SpecialOrderStatus.COMPLETED
    assert _last_mail().to == [artist_user.email] and "completed" in _last_mail().subject

    history = list(special_order.events.values_list("action", "actor_id", "from_status", "to_status"))
    assert history == [
        ("request", buyer.pk, "", "requested"),
        ("quote", artist_user.pk, "requested", "quoted"),
        ("accept", buyer.pk, "quoted", "accepted"),
        ("pay", None, "accepted", "paid"),
        ("start", artist_user.pk, "paid", "in_progress"),
        ("deliver", artist_user.pk, "in_progress", "delivered"),
        ("complete", buyer.pk, "delivered", "completed"),
    ]
    # One mail per step, never twice.
    assert OutboxMessage.objects.filter(dedup_key__startswith=f"special-order-{special_order.pk}-").count() == 7


def test_a_declined_special_order_tells_the_buyer_why(special_order, buyer, artist):
    so.special_order_decline(special_order=special_order, user=artist.user, reason="Booked until spring.")
    mail = _last_mail()
    assert mail.to == [buyer.email] and "declined" in mail.subject
    assert "Booked until spring." in mail.text and "Booked until spring." in mail.html


@pytest.mark.parametrize("who", ["buyer", "artist"])
def test_cancelling_tells_the_other_side(special_order_in, buyer, artist, who):
    special_order = special_order_in("quoted")
    canceller, other = (buyer, artist.user) if who == "buyer" else (artist.user, buyer)
    so.special_order_cancel(special_order=special_order, user=canceller, reason="Plans changed.")
    mail = _last_mail()
    assert mail.to == [other.email] and "cancelled the special order" in mail.subject
    assert "Plans changed." in mail.text


def test_the_artist_can_send_a_new_quote_before_the_buyer_accepts(special_order_in, artist):
    special_order = special_order_in("quoted")
    so.special_order_quote(special_order=special_order, user=artist.user, price=Decimal("300.00"),
                           ready_by=READY_BY)
    special_order.refresh_from_db()
    assert special_order.quote_price == Decimal("300.00")
    assert special_order.events.filter(action="quote").count() == 2


def test_a_missed_payment_notice_is_caught_up_when_the_artist_starts(special_order_in, buyer, artist, monkeypatch):
    special_order = special_order_in("accepted")
    monkeypatch.setattr("commissions.receivers.special_orders_paid", lambda **kwargs: 0)
    make_paid_order(buyer)
    special_order.refresh_from_db()
    assert special_order.status == SpecialOrderStatus.ACCEPTED
    so.special_order_start(special_order=special_order, user=artist.user)
    special_order.refresh_from_db()
    assert special_order.status == SpecialOrderStatus.IN_PROGRESS
    assert list(special_order.events.values_list("action", flat=True))[-2:] == ["pay", "start"]


def test_input_is_checked_before_anything_is_written(buyer, artist, special_order_in):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        make_special_order(buyer, artist, budget=Decimal("0"))
    assert "budget" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_special_order(buyer, artist, wished_date=timezone.localdate() - datetime.timedelta(days=1))
    assert "wished_date" in error.value.message_dict
    with pytest.raises(ValidationError):
        make_special_order(artist.user, artist)  # to oneself
    special_order = special_order_in("requested")
    with pytest.raises(ValidationError) as error:
        so.special_order_quote(special_order=special_order, user=artist.user, price=Decimal("-5"),
                               ready_by=READY_BY)
    assert "price" in error.value.message_dict
    with pytest.raises(ValidationError):
        so.special_order_decline(special_order=special_order, user=artist.user, reason="  ")
    assert SpecialOrderEvent.objects.filter(special_order=special_order).count() == 1


def test_artists_who_take_no_commissions_get_no_special_orders(buyer, artist):
    from artists.exceptions import NotFound

    artist.accepts_commissions = False
    artist.save()
    with pytest.raises(NotFound):
        make_special_order(buyer, artist)
