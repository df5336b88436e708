"""Many workers, one order: exactly one transfer per order and artist, one call that moves money (MariaDB)."""
from decimal import Decimal

import pytest
from django.db import connection, transaction
from oscar.core.loading import get_model

from artists.exceptions import Conflict
from storefront.payment.models import SandboxTransfer
from storefront.payment.services import payment_start
from storefront.payouts.models import ConnectedAccount, Transfer, TransferChange, TransferStatus
from storefront.payouts.services import transfer_open, transfer_settle
from studio.services import order_lines_ship
from tests.factories.catalogue import make_artwork
from tests.factories.concurrency import run_each_together
from tests.factories.orders import make_order

Line = get_model("order", "Line")
RETURN_URL = "http://testserver/shop/checkout/orders/x/payment-return/"
WORKERS = 8

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _server_database_only():
    if connection.vendor == "sqlite":
        pytest.skip("Races need a server database with row locks and real concurrency (run on MariaDB)")


def _paid_order(buyer, *artworks):
    order = make_order(buyer, *artworks, shipping_method_code="collect")
    assert payment_start(order=order, payment_method="pm_card_visa", return_url=RETURN_URL).status == "completed"
    return order


def _ready_account(artist):
    from storefront.payment import sandbox

    result = sandbox.account_create(email=artist.user.email, business_name=artist.name, business_url="",
                                    metadata={"artist_id": str(artist.pk)}, idempotency_key=f"race-{artist.pk}")
    sandbox.SandboxAccount.objects.filter(account_id=result.account_id).update(payouts_enabled=True)
    return ConnectedAccount.objects.create(artist=artist, gateway=sandbox.NAME, account_id=result.account_id,
                                           payouts_enabled=True, details_submitted=True)


def test_two_workers_shipping_the_same_order_at_once_make_one_transfer(buyer, artist):
    _ready_account(artist)
    order = _paid_order(buyer, make_artwork(artist, title="Left"), make_artwork(artist, title="Right"))
    lines = list(Line.objects.filter(order=order).values_list("pk", flat=True))

    def ship(line_ids):
        try:
            order_lines_ship(artist=artist, order=order, line_ids=line_ids, notify=False)
        except Conflict:
            return "already shipped"
        return "shipped"

    # Each line by its own worker, and both lines by two more: every line is shipped once.
    results = run_each_together(ship, [[lines[0]], [lines[1]], lines, lines])
    assert results.count("shipped") >= 1 and set(results) <= {"shipped", "already shipped"}
    assert set(Line.objects.filter(order=order).values_list("status", flat=True)) == {"Shipped"}
    transfer = Transfer.objects.get(order=order, artist=artist)
    # Both works' net (2 × 120.00 − 15 %), in one transfer.
    assert (transfer.status, transfer.amount) == (TransferStatus.PAID, Decimal("204.00"))
    assert SandboxTransfer.objects.count() == 1
    assert TransferChange.objects.filter(transfer=transfer, to_status=TransferStatus.PAID).count() == 1


def test_workers_opening_and_settling_one_transfer_at_once_send_it_once(buyer, artist):
    order = _paid_order(buyer, make_artwork(artist))
    Line.objects.filter(order=order).update(status="Shipped")  # shipped; its signal is delivered by the workers
    account = _ready_account(artist)

    def open_and_settle(n):
        with transaction.atomic():
            transfer = transfer_open(order=order, artist=artist, source=f"worker-{n}")
        return transfer_settle(transfer_id=transfer.pk, source=f"worker-{n}").status

    results = run_each_together(open_and_settle, list(range(WORKERS)))
    assert results == [TransferStatus.PAID] * WORKERS
    transfer = Transfer.objects.get()
    sent = SandboxTransfer.objects.get()
    assert (sent.transfer_id, sent.destination) == (transfer.gateway_transfer_id, account.account_id)
    assert TransferChange.objects.filter(to_status=TransferStatus.PAID).count() == 1
