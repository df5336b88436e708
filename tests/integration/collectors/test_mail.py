"""Favourite alerts (back for sale, cheaper) and the followers' daily digest, all through the outbox."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from artiqo.outbox.models import OutboxMessage
from collectors.models import DigestOptOut
from collectors.services import digest_unsubscribe_token, favourite_add, follow_add, follow_digest_send
from tests.factories.catalogue import make_artwork
from tests.factories.recommend import make_edition
from tests.factories.storefront import mark_sold

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")


def _mails(prefix: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(dedup_key__startswith=prefix).order_by("pk"))


def _stock(artwork, **values) -> None:
    record = StockRecord.objects.get(product=artwork)
    for name, value in values.items():
        setattr(record, name, value)
    record.save()


def test_a_favourite_edition_back_in_stock_mails_the_buyer_once(buyer, artist, django_capture_on_commit_callbacks):
    edition = make_edition(artist, title="Tide Print", edition_size=3)
    favourite = favourite_add(user=buyer, product_id=edition.pk)
    with django_capture_on_commit_callbacks(execute=True):
        mark_sold(edition)
    assert _mails(f"favourite-{favourite.pk}-") == []
    with django_capture_on_commit_callbacks(execute=True):
        _stock(edition, num_in_stock=5)
    [mail] = _mails(f"favourite-{favourite.pk}-")
    assert mail.to == [buyer.email] and "Tide Print" in mail.subject and "for sale again" in mail.text
    call_command("send_favourite_alerts", verbosity=0)  # the sweep finds nothing new to tell
    assert len(_mails(f"favourite-{favourite.pk}-")) == 1


def test_a_price_drop_mails_once_and_a_rise_then_drop_mails_again(buyer, artwork,
                                                                    django_capture_on_commit_callbacks):
    favourite = favourite_add(user=buyer, product_id=artwork.pk)
    with django_capture_on_commit_callbacks(execute=True):
        _stock(artwork, price=Decimal("100.00"))
    [drop] = _mails(f"favourite-{favourite.pk}-")
    assert "$100.00" in drop.subject and "$120.00" in drop.text
    with django_capture_on_commit_callbacks(execute=True):
        _stock(artwork, price=Decimal("100.00"))  # saved again, unchanged: nothing new
        _stock(artwork, price=Decimal("110.00"))  # dearer: nothing to tell
    assert len(_mails(f"favourite-{favourite.pk}-")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        _stock(artwork, price=Decimal("90.00"))
    assert len(_mails(f"favourite-{favourite.pk}-")) == 2


def test_the_sweep_catches_a_change_made_by_a_bulk_update(buyer, artwork):
    favourite = favourite_add(user=buyer, product_id=artwork.pk)
    StockRecord.objects.filter(product=artwork).update(price=Decimal("80.00"))
    call_command("send_favourite_alerts", verbosity=0)
    call_command("send_favourite_alerts", verbosity=0)
    assert len(_mails(f"favourite-{favourite.pk}-")) == 1


def test_a_follower_gets_one_digest_a_day_listing_each_new_work_once(buyer, artist, other_artist):
    follow_add(user=buyer, artist_id=artist.pk)
    first = make_artwork(artist, title="Morning Field")
    make_artwork(other_artist, title="Not Followed")
    assert follow_digest_send() == 1
    [digest] = _mails(f"follow-digest-{buyer.pk}-")
    assert "Morning Field" in digest.text and "Not Followed" not in digest.text
    assert "/following/unsubscribe/" in digest.text
    make_artwork(artist, title="Evening Field")
    assert follow_digest_send() == 0  # the same day: tomorrow's digest
    assert follow_digest_send(now=timezone.now() + timedelta(days=1)) == 1
    second = _mails(f"follow-digest-{buyer.pk}-")[-1]
    assert "Evening Field" in second.text and first.title not in second.text
    assert follow_digest_send(now=timezone.now() + timedelta(days=2)) == 0


def test_the_unsubscribe_link_works_signed_out_and_a_forged_one_does_not(client, buyer, artist):
    follow_add(user=buyer, artist_id=artist.pk)
    url = f"/following/unsubscribe/{digest_unsubscribe_token(user=buyer)}/"
    assert "Stop these emails" in client.get(url).content.decode()
    assert not DigestOptOut.objects.exists()  # opening the link changes nothing
    assert client.post(url).status_code == 200
    assert DigestOptOut.objects.filter(user=buyer).exists()
    make_artwork(artist, title="Quiet Work")
    assert follow_digest_send() == 0
    assert client.post("/following/unsubscribe/forged:token/").status_code == 404
