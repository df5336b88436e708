"""A special order as people live it: the buyer's form, the artist's email and its link, quote, accept, cart."""
import datetime
import email
import html
import re
from pathlib import Path

import pytest
from django.utils import timezone

from artiqo.outbox.models import OutboxMessage, OutboxStatus

pytestmark = pytest.mark.django_db


# Django's file backend names a file by the second and the backend object's id(), and
# appends to it: two mails sent in one second can share a file, each ended by this line.
_END_OF_MESSAGE = b"\n" + b"-" * 79 + b"\n"


def _delivered(folder: Path) -> list[email.message.Message]:
    return [email.message_from_bytes(chunk) for path in sorted(folder.glob("*.log"))
            for chunk in path.read_bytes().split(_END_OF_MESSAGE) if chunk.strip()]


def _part(message, content_type: str) -> str:
    return next(p for p in message.walk() if p.get_content_type() == content_type).get_payload(decode=True).decode()


def test_a_buyer_commissions_a_work_and_it_lands_in_their_cart(client, buyer, artist, artwork, settings, tmp_path,
                                                              django_capture_on_commit_callbacks):
    # The run command's default: mail goes out right after commit, into files.
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    settings.SITE_URL = "http://artiqo.test"
    in_a_month = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()

    # From the artwork's "commission something like this": log in first, then back to the form.
    form_url = f"/special-orders/new/{artist.slug}/?artwork={artwork.pk}"
    login = client.get(form_url)["Location"]
    login_page = client.get(login).content.decode()
    back_to = re.search(r'name="login-redirect_url" value="([^"]*)"', login_page).group(1)
    response = client.post(login, {"login-username": buyer.email, "login-password": "correct-Horse-battery-9",
                                   "login-redirect_url": html.unescape(back_to), "login_submit": "Log in"})
    assert response.status_code == 302 and response["Location"] == form_url
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url, {"title": "Our harbour at dawn", "description": "Like this, at dawn.",
                                          "budget": "500", "wished_date": in_a_month, "artwork": artwork.pk})
    detail = response["Location"]

    [mail] = _delivered(tmp_path / "mail")
    assert mail["To"] == artist.user.email and "New special order" in mail["Subject"]
    assert mail["Message-ID"] == OutboxMessage.objects.get().message_id
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT
    link = _part(mail, "text/plain").split("Answer it here: ")[1].split()[0]
    assert f'href="{link}"' in _part(mail, "text/html")

    # The artist follows the link, logs in, and quotes.
    client.logout()
    path = link.removeprefix(settings.SITE_URL)
    assert client.get(path)["Location"] == f"/shop/accounts/login/?next={path}"
    client.force_login(artist.user)
    assert "Send a quote" in client.get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{path}quote/", {"quote-price": "480.00", "quote-ready_by": in_a_month,
                                      "quote-note": "Oil on linen, 50 × 40."})
    [quote_mail] = [message for message in _delivered(tmp_path / "mail") if message["To"] == buyer.email]
    assert "480.00 USD" in _part(quote_mail, "text/plain")

    # The buyer accepts: the work is in their cart at the quoted price.
    client.logout()
    client.force_login(buyer)
    assert "Accept the quote" in client.get(detail).content.decode()
    response = client.post(f"{detail}accept/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/shop/basket/"
    assert "Our harbour at dawn — special order #" in page and "480.00" in page
