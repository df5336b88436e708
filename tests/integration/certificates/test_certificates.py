"""Certificates of authenticity: issued at payment in sale order, downloaded by the buyer, confirmed in public,
withdrawn by a refund."""
import re
from decimal import Decimal

import pytest
from django.core.cache import cache

from artists.certificate_pdf import certificate_pdf
from artists.models import Certificate
from artists.services import certificates_issue
from storefront.order.signals import order_paid
from storefront.payment.reconciliation import reconciliation_steps_run
from tests.factories.api import client_for
from tests.factories.billing import make_paid_order, refund
from tests.factories.catalogue import make_artwork, make_buyer
from tests.factories.orders import make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(artist, vibe):
    return make_artwork(artist, title="Fjord Light", vibe=vibe, kind="edition", edition_size=50, medium="print",
                        width_cm=Decimal("30"), height_cm=Decimal("40"), year=2025)


def _paid(buyer, *artworks, capture):
    order, payment = make_paid_order(buyer, *artworks, capture=capture)
    return order, payment


def test_a_paid_original_gets_one_certificate_of_one_of_a_kind(buyer, artwork, django_capture_on_commit_callbacks):
    order, _ = _paid(buyer, artwork, capture=django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    assert certificate.line.order == order and certificate.artwork == artwork
    assert (certificate.edition_number, certificate.edition_size) == (1, 1)
    assert certificate.edition_label == "Original, one of a kind"
    assert (certificate.title, certificate.artist_name) == ("Harbour at Dusk", "Mira Solberg")
    # ≥ 80 random bits: token_urlsafe(16) is 22 URL-safe characters (128 bits).
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", certificate.code)


def test_edition_prints_are_numbered_in_the_order_they_sell(edition, django_capture_on_commit_callbacks):
    buyers = [make_buyer() for _ in range(3)]
    for buyer in buyers:
        _paid(buyer, edition, capture=django_capture_on_commit_callbacks)
    labels = [c.edition_label for c in Certificate.objects.order_by("sold_at", "pk")]
    assert labels == ["1 of 50", "2 of 50", "3 of 50"]
    assert [c.line.order.user for c in Certificate.objects.order_by("edition_number")] == buyers


def test_two_prints_in_one_line_get_two_numbers_and_a_repeated_signal_issues_nothing(
        buyer, edition, django_capture_on_commit_callbacks):
    from tests.factories.orders import make_basket

    make_basket(buyer, edition, quantity=2)
    from storefront.order.services import order_mark_paid, order_place
    from tests.factories.orders import address_data

    order = order_place(user=buyer, basket=make_basket(buyer), shipping_address=address_data(),
                        shipping_method_code="standard")
    assert order_mark_paid(order=order)
    order_paid.send(sender=type(order), order=order)
    order_paid.send(sender=type(order), order=order)
    assert sorted(Certificate.objects.values_list("unit", "edition_number")) == [(1, 1), (2, 2)]


def test_an_unpaid_order_has_no_certificate(buyer, artwork):
    make_order(buyer, artwork)
    assert not Certificate.objects.exists()


def test_the_public_page_confirms_the_work_and_edition_and_says_nothing_of_the_buyer(
        client, buyer, edition, django_capture_on_commit_callbacks):
    _paid(buyer, edition, capture=django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    response = client.get(f"/verify/{certificate.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("Fjord Light", "Mira Solberg", "1 of 50", "Sold through Artiqo on", "30 × 40 cm", "2025"):
        assert text and text in page
    buyer.first_name, buyer.last_name = "Ingrid", "Haugland"
    buyer.save()
    page = client.get(f"/verify/{certificate.code}/").content.decode()
    for personal in (buyer.email, buyer.username, "Ingrid", "Haugland", "Strandkaien", certificate.line.order.number):
        assert personal not in page


def test_an_unknown_code_shows_not_a_valid_certificate_with_404(client):
    response = client.get("/verify/NoSuchCertificateCode0/")
    assert response.status_code == 404
    assert "Not a valid certificate" in response.content.decode()


def test_look_ups_are_limited_per_address(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                                                          "certificate_verify": "3/minute"}}
    cache.clear()
    statuses = [client.get(f"/verify/guess{n}/", REMOTE_ADDR="203.0.113.9").status_code for n in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
    # Another address is not held back by the first one's guesses.
    assert client.get("/verify/guess9/", REMOTE_ADDR="203.0.113.10").status_code == 404


def test_a_full_refund_withdraws_the_certificate_and_frees_its_number(
        client, buyer, other_buyer, edition, django_capture_on_commit_callbacks):
    _, payment = _paid(buyer, edition, capture=django_capture_on_commit_callbacks)
    first = Certificate.objects.get()
    refund(payment, total=payment.amount, capture=django_capture_on_commit_callbacks)
    first.refresh_from_db()
    assert first.revoked_at is not None and first.held_number is None
    assert client.get(f"/verify/{first.code}/").status_code == 404
    _paid(other_buyer, edition, capture=django_capture_on_commit_callbacks)
    second = Certificate.objects.exclude(pk=first.pk).get()
    assert second.edition_number == 1 and second.code != first.code


def test_a_partial_refund_keeps_the_certificate(buyer, edition, django_capture_on_commit_callbacks):
    _, payment = _paid(buyer, edition, capture=django_capture_on_commit_callbacks)
    refund(payment, total=Decimal("10.00"), capture=django_capture_on_commit_callbacks)
    assert Certificate.objects.get().revoked_at is None


def test_the_pdf_names_the_work_edition_and_sale_and_carries_the_qr(
        buyer, edition, django_capture_on_commit_callbacks):
    _paid(buyer, edition, capture=django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    pdf = certificate_pdf(certificate=certificate, compress=False)
    assert pdf.startswith(b"%PDF")
    for text in (b"Fjord Light", b"by Mira Solberg", b"1 of 50", "30 × 40 cm".encode("latin-1"), b"2025",
                 f"{certificate.sold_at:%d %B %Y}".encode(), certificate.code.encode()):
        assert text in pdf, text
    assert b"/Subtype /Image" in pdf


def test_the_buyer_and_the_artist_download_the_pdf_and_nobody_else(
        client, buyer, other_buyer, artist, other_artist, artwork, django_capture_on_commit_callbacks):
    _paid(buyer, artwork, capture=django_capture_on_commit_callbacks)
    url = Certificate.objects.get().pdf_url
    assert client.get(url).status_code == 302  # to the login page
    for user, status in ((buyer, 200), (artist.user, 200), (other_buyer, 404), (other_artist.user, 404)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_the_buyers_order_page_offers_the_certificate(client, buyer, artwork, django_capture_on_commit_callbacks):
    order, _ = _paid(buyer, artwork, capture=django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    client.force_login(buyer)
    page = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    assert "Certificates of authenticity" in page
    assert certificate.pdf_url in page and certificate.get_absolute_url() in page


def test_the_order_api_gives_each_paid_line_its_certificate_and_verify_urls(
        buyer, artwork, django_capture_on_commit_callbacks):
    unpaid = make_order(make_buyer(), make_artwork(title="Unpaid"))
    order, _ = _paid(buyer, artwork, capture=django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    line = client_for(buyer).get(f"/api/v1/orders/{order.number}").json()["lines"][0]
    assert line["certificate_url"] == f"http://testserver{certificate.pdf_url}"
    assert line["verify_url"] == f"http://testserver/verify/{certificate.code}/"
    assert line["certificates"] == [{"label": "Certificate Original, one of a kind",
                                     "certificate_url": line["certificate_url"], "verify_url": line["verify_url"]}]
    unpaid_line = client_for(unpaid.user).get(f"/api/v1/orders/{unpaid.number}").json()["lines"][0]
    assert (unpaid_line["certificate_url"], unpaid_line["verify_url"], unpaid_line["certificates"]) == (None, None, [])
    # Someone else's order: the same 404 as no order at all.
    assert client_for(unpaid.user).get(f"/api/v1/orders/{order.number}").status_code == 404


def test_the_studio_lists_the_artists_certificates_only(
        client, buyer, artist, other_artist, artwork, django_capture_on_commit_callbacks):
    _paid(buyer, artwork, capture=django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    client.force_login(artist.user)
    page = client.get("/studio/certificates/").content.decode()
    assert "Harbour at Dusk" in page and certificate.pdf_url in page
    client.force_login(other_artist.user)
    assert certificate.code not in client.get("/studio/certificates/").content.decode()
    client.force_login(buyer)
    assert client.get("/studio/certificates/").status_code == 403


def test_reconciliation_certifies_a_sale_whose_signal_was_lost(buyer, artwork):
    from storefront.order.services import order_mark_paid

    order = make_order(buyer, artwork)
    assert order_mark_paid(order=order)  # paid, but no order_paid heard (a crash after commit)
    assert not Certificate.objects.exists()
    assert "[certificates] issued 1 missing certificate(s)" in reconciliation_steps_run()
    assert Certificate.objects.get().line.order == order
    assert certificates_issue(order=order) == []


def test_the_database_refuses_a_second_valid_certificate_with_the_same_number(artist):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    edition = make_artwork(artist, kind="edition", edition_size=5)
    lines = [make_order(make_buyer(), edition).lines.get() for _ in range(2)]
    fields = {"artwork": edition, "artist": artist, "edition_number": 3, "edition_size": 5, "held_number": 3,
              "title": "x", "artist_name": "y", "sold_at": timezone.now()}
    Certificate.objects.create(code="a" * 22, line=lines[0], **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(code="b" * 22, line=lines[1], **fields)
