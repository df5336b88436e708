"""Reads of payouts: an artist's account and transfers, and where transfers and the fee ledger disagree."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet, Sum
from oscar.core.loading import get_model

from artists.models import Artist
from storefront.billing.selectors.earnings import earnings_net_per_order
from storefront.order import statuses
from storefront.payment.reconciliation import Disagreement
from storefront.payouts.models import UNSENT, ConnectedAccount, Transfer, TransferStatus

Line = get_model("order", "Line")
Order = get_model("order", "Order")
IN_LIST_SIZE = 900  # keeps every IN (...) list within SQLite's bound on query parameters
ZERO = Decimal("0.00")


def payout_account_for_artist(*, artist) -> ConnectedAccount | None:
    return ConnectedAccount.objects.filter(artist=artist).first()


def transfer_list_for_artist(*, artist) -> QuerySet:
    """The artist's transfers, newest first, with their order (one query)."""
    return Transfer.objects.filter(artist=artist).select_related("order").order_by("-date_created", "-pk")


def transfer_list(*, status: str | None = None) -> QuerySet:
    """Every transfer (admins), newest first, with order and artist."""
    transfers = Transfer.objects.select_related("order", "artist").order_by("-date_created", "-pk")
    return transfers.filter(status=status) if status else transfers


def payout_totals_for_artist(*, artist) -> list[dict]:
    """Per currency: what reached the artist (after reversals) and what is still to be sent."""
    rows = (Transfer.objects.filter(artist=artist).values("currency", "status")
            .annotate(amount=Sum("amount"), reversed=Sum("amount_reversed")).order_by("currency"))
    totals: dict[str, dict] = {}
    for row in rows:
        total = totals.setdefault(row["currency"], {"currency": row["currency"], "paid": ZERO, "to_come": ZERO})
        if row["status"] in (TransferStatus.PAID, TransferStatus.REVERSED):
            total["paid"] += row["amount"] - row["reversed"]
        elif row["status"] in (*UNSENT, TransferStatus.PENDING):
            total["to_come"] += row["amount"]
    return list(totals.values())


def transfers_missing() -> list[tuple]:
    """(order, artist) pairs whose artist fulfilled all their lines and is owed money, with no transfer.

    Normally none: the transfer is recorded in the shipment's own transaction. Lines
    marked shipped another way (the Oscar dashboard, a data fix) show up here.
    """
    shipped = (Line.objects.filter(status=statuses.SHIPPED, partner__artist__isnull=False)
               .annotate(has_transfer=Exists(Transfer.objects.filter(order_id=OuterRef("order_id"),
                                                                     artist__partner_id=OuterRef("partner_id"))))
               .filter(has_transfer=False).values_list("order_id", "partner_id").distinct())
    pairs = set(shipped)
    if not pairs:
        return []
    unshipped = set(Line.objects.filter(order_id__in={order_id for order_id, _ in pairs})
                    .exclude(status=statuses.SHIPPED).values_list("order_id", "partner_id"))
    pairs -= unshipped
    artists = {artist.partner_id: artist for artist in Artist.objects.filter(partner_id__in={p for _, p in pairs})}
    orders = Order.objects.in_bulk({order_id for order_id, _ in pairs})
    owed = _ledger_for([order_id for order_id, _ in pairs])
    return [(orders[order_id], artists[partner_id]) for order_id, partner_id in sorted(pairs)
            if owed.get((order_id, artists[partner_id].pk), {}).get("net", ZERO) > 0]


def _ledger_for(order_ids: list[int]) -> dict:
    owed: dict = {}
    for start in range(0, len(order_ids), IN_LIST_SIZE):
        owed.update(earnings_net_per_order(order_ids=order_ids[start:start + IN_LIST_SIZE]))
    return owed


@dataclass(frozen=True)
class LedgerDifference:
    transfer_id: int
    order_number: str
    artist_id: int
    status: str
    transferred: Decimal
    ledger: Decimal
    currency: str
    what: str


def transfer_ledger_differences(*, transfer_ids=None) -> list[LedgerDifference]:
    """Transfers that do not match the artist's net of the order in the fee ledger (after refunds).

    Sent ones must equal the net (what is left after reversals); unsent ones must be
    for the net; a cancelled one must have nothing owed.
    """
    transfers = Transfer.objects.select_related("order").order_by("pk")
    if transfer_ids is not None:
        transfers = transfers.filter(pk__in=list(transfer_ids))
    transfers = list(transfers)
    owed = _ledger_for(sorted({transfer.order_id for transfer in transfers}))
    differences = []
    for transfer in transfers:
        ledger = owed.get((transfer.order_id, transfer.artist_id), {}).get("net", ZERO)
        due = max(ledger, ZERO)
        if transfer.status in (TransferStatus.PAID, TransferStatus.REVERSED):
            moved, what = transfer.net_amount, "the artist kept another amount than they are owed"
        elif transfer.status == TransferStatus.CANCELLED:
            moved, what = ZERO, "cancelled, but the ledger says the artist is owed money"
        else:
            moved, what = transfer.amount, "not sent yet, and for another amount than is owed"
        if moved != due:
            differences.append(LedgerDifference(
                transfer_id=transfer.pk, order_number=transfer.order.number, artist_id=transfer.artist_id,
                status=transfer.status, transferred=moved, ledger=ledger, currency=transfer.currency, what=what,
            ))
    return differences


def transfer_disagreement_list() -> list[Disagreement]:
    """Every transfer that differs from the fee ledger, as `manage.py reconcile_payments` reports it."""
    return [
        Disagreement(check="transfers", subject=f"order {d.order_number}, artist {d.artist_id}",
                     message=f"{d.status}: {d.what} (transfer {d.transferred}, ledger {d.ledger} {d.currency})")
        for d in transfer_ledger_differences()
    ]
