"""The special-order pages: neworder.html from an artist or an artwork, each side's page and steps."""
import datetime
import re

import pytest
from django.utils import timezone

from artiqo.outbox.models import OutboxMessage
from commissions.models import SpecialOrder
from tests.factories.catalogue import make_artwork, make_buyer
from tests.factories.studio import SVG_PAYLOAD, image_upload, make_special_order, special_order_walk, upload

pytestmark = pytest.mark.django_db
IN_A_MONTH = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


def _form(**extra):
    return {"title": "Our boat", "description": "The blue boat in the harbour.", "budget": "300",
            "medium": "oil", "wished_date": IN_A_MONTH, **extra}


def test_visitors_log_in_first_and_come_back_to_the_form(client, artist, artwork):
    url = f"/special-orders/new/{artist.slug}/?artwork={artwork.pk}"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/shop/accounts/login/")
    assert "next=/special-orders/new/mira-solberg/%3Fartwork%3D" in response["Location"]


def test_the_form_from_an_artwork_starts_from_that_work(client, buyer, artist, artwork):
    client.force_login(buyer)
    response = client.get(f"/special-orders/new/{artist.slug}/?artwork={artwork.pk}")
    assert response.status_code == 200
    assert "commissions/neworder.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Ask Mira Solberg for a work made for you" in html and "Harbour at Dusk" in html
    assert response.context["form"].initial["medium"] == "watercolour"


def test_sending_the_form_creates_the_special_order_and_mails_the_artist(client, buyer, artist, artwork):
    client.force_login(buyer)
    response = client.post(f"/special-orders/new/{artist.slug}/",
                           _form(artwork=artwork.pk, references=[image_upload(), image_upload("b.webp")]))
    special_order = SpecialOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/special-orders/{special_order.pk}/"
    assert (special_order.buyer, special_order.artist, special_order.inspired_by) == (buyer, artist, artwork)
    assert special_order.references.count() == 2
    assert OutboxMessage.objects.get().to == [artist.user.email]
    page = client.get(response["Location"]).content.decode()
    assert "Our boat" in page and "Requested" in page and "Cancel the special order" in page


@pytest.mark.parametrize("files,message", [
    ([image_upload() for _ in range(4)], "Choose at most 3 images."),
    ([upload(SVG_PAYLOAD, "sketch.svg", "image/svg+xml")], "sketch.svg: This file is not a JPEG, PNG or WebP image."),
    ([upload(b"<html><script>x</script></html>", "photo.jpg")], "photo.jpg: This file is not a JPEG"),
])
def test_bad_reference_images_are_refused_with_a_clear_message(client, buyer, artist, files, message):
    client.force_login(buyer)
    response = client.post(f"/special-orders/new/{artist.slug}/", _form(references=files))
    assert response.status_code == 400 and message in response.content.decode()
    assert not SpecialOrder.objects.exists()


def test_an_artist_who_takes_no_commissions_shows_no_form(client, buyer, artist):
    artist.accepts_commissions = False
    artist.save()
    client.force_login(buyer)
    response = client.get(f"/special-orders/new/{artist.slug}/")
    assert response.status_code == 404
    assert "takes no special orders" in response.content.decode() and "<form method=\"post\" enctype" not in \
        response.content.decode()
    assert client.post(f"/special-orders/new/{artist.slug}/", _form()).status_code == 404
    assert not SpecialOrder.objects.exists()


def test_the_artist_page_offers_the_form_only_when_commissions_are_open(artist):
    page = artist.page
    assert page.commission_url == f"/special-orders/new/{artist.slug}/"
    artist.accepts_commissions = False
    artist.save()
    page.artist.refresh_from_db()
    assert page.commission_url == ""


def test_a_buyer_cannot_see_another_buyers_special_order(client, special_order, artist):
    client.force_login(make_buyer())
    assert client.get(f"/special-orders/{special_order.pk}/").status_code == 404
    assert client.post(f"/special-orders/{special_order.pk}/cancel/", {}).status_code == 404
    assert client.get("/special-orders/").context["page_obj"].paginator.count == 0


def test_an_artist_cannot_open_another_artists_special_order(client, special_order, other_artist):
    client.force_login(other_artist.user)
    assert client.get(f"/studio/special-orders/{special_order.pk}/").status_code == 404
    assert client.post(f"/studio/special-orders/{special_order.pk}/quote/", {}).status_code == 404


def test_a_refused_step_on_the_page_says_why(client, special_order, buyer):
    client.force_login(buyer)
    response = client.post(f"/special-orders/{special_order.pk}/accept/", follow=True)
    assert "it cannot be accepted now" in response.content.decode()
    special_order.refresh_from_db()
    assert special_order.status == "requested"


def test_the_artists_inbox_lists_their_special_orders_by_status(client, special_order, artist, other_artist, buyer):
    make_special_order(buyer, other_artist, title="Not for Mira")
    client.force_login(artist.user)
    page = client.get("/studio/special-orders/").content.decode()
    assert "Our house by the fjord" in page and "Not for Mira" not in page
    assert "Our house" not in client.get("/studio/special-orders/?status=quoted").content.decode()


def test_commission_something_like_this_ignores_another_artists_work(client, buyer, artist, other_artist):
    theirs = make_artwork(other_artist, title="Not Mira's")
    client.force_login(buyer)
    response = client.get(f"/special-orders/new/{artist.slug}/?artwork={theirs.pk}")
    assert response.status_code == 200 and response.context["inspired_by"] is None


def test_the_history_names_who_took_each_step_the_artist_by_their_artist_name(client, artist):
    buyer = make_buyer(first_name="Noor", last_name="Haddad")
    artist.user.first_name = "Private"
    artist.user.save()
    special_order = special_order_walk(make_special_order(buyer, artist), "quoted")
    client.force_login(buyer)
    page = re.sub(r"\s+", " ", client.get(f"/special-orders/{special_order.pk}/").content.decode())
    assert "<strong>Requested</strong> by Noor Haddad" in page
    assert "<strong>Quoted</strong> by Mira Solberg" in page
    mail = OutboxMessage.objects.filter(to=[buyer.email]).latest("pk")
    assert mail.text.startswith("Hello Noor Haddad,")
    assert "Requested by Noor Haddad" in mail.text and "Quoted by Mira Solberg" in mail.text
