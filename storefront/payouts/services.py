"""Writes of payouts: onboarding artists' accounts, and moving each artist's net of an order to them.

When an artist has fulfilled all their lines of an order, `transfer_open` records one
Transfer (unique per order and artist) in the same transaction; `transfer_settle` then
brings it in line with the fee ledger, whatever happened since: it waits for the
artist's account, shrinks or cancels a transfer not yet sent when the buyer was refunded,
sends it with its deterministic idempotency key, and reverses the refunded share of one
already paid. Every gateway call happens under the transfer's row lock, after what it
asks for is committed, so a crash or a second worker repeats the same request (same key,
same body) and the gateway answers it instead of paying twice.
"""
from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from types import ModuleType

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from oscar.core.loading import get_model

from artiqo.core.errors import Unavailable
from storefront.billing.selectors.earnings import earnings_net_per_order
from storefront.order import statuses
from storefront.payment import sandbox
from storefront.payment.gateway import (
    AccountResult,
    GatewayRejected,
    GatewayUnavailable,
    TransferResult,
    WebhookEvent,
    account_from_dict,
    amount_to_minor,
    gateway_get,
    minor_to_amount,
    transfer_from_dict,
)
from storefront.payouts.models import (
    TRANSITIONS,
    UNSENT,
    ConnectedAccount,
    Transfer,
    TransferChange,
    TransferStatus,
)

Line = get_model("order", "Line")
logger = logging.getLogger(__name__)
ZERO = Decimal("0.00")
# Refusals that may hide money already moved (the gateway knows this key with other parameters,
# or answered with another transfer): never retried under a new key by the code, an admin looks.
NEEDS_ADMIN = ("idempotency_error", "mismatch")


class OnboardingUnavailable(Unavailable):
    """The gateway could not start the artist's onboarding now (unreachable or refusing).

    `str(error)` is the gateway's own words; `message` what the artist is told.
    """

    code = "onboarding_unavailable"
    default_message = "The payment provider could not start your payout set-up; please try again in a moment."

    def __init__(self, detail: str = ""):
        super().__init__(detail=detail)


def _gateway(name: str) -> ModuleType:
    # A transfer is always finished on the gateway it started on, whatever the settings say now.
    if name == sandbox.NAME:
        return sandbox
    from storefront.payment import stripe_api

    return stripe_api


# -- Connected accounts ------------------------------------------------------------------

def payout_onboarding_start(*, artist, refresh_url: str, return_url: str) -> str:
    """The URL of the gateway's hosted onboarding for `artist`, creating their account the first time.

    An account made on another gateway (test mode before going live) is replaced by one on
    the gateway in use; transfers already sent keep the account they went to.
    """
    gateway = gateway_get()
    account = ConnectedAccount.objects.filter(artist=artist).first()
    try:
        if account is None or account.gateway != gateway.NAME:
            result = gateway.account_create(
                email=artist.user.email, business_name=artist.name,
                business_url=settings.SITE_URL.rstrip("/") + artist.get_absolute_url(),
                metadata={"artist_id": str(artist.pk)},
                idempotency_key=f"artiqo-connect-artist-{artist.pk}-{gateway.NAME}-account",
            )
            account = _account_store(artist=artist, gateway_name=gateway.NAME, result=result)
        # Links are single-use and short-lived and move no money: a fresh one (and key) per request.
        link = gateway.account_link_create(
            account_id=account.account_id, refresh_url=refresh_url, return_url=return_url,
            idempotency_key=f"artiqo-connect-artist-{artist.pk}-link-{uuid.uuid4().hex}",
        )
    except (GatewayUnavailable, GatewayRejected) as error:
        logger.warning("Onboarding of artist %s could not start: %s", artist.pk, error)
        raise OnboardingUnavailable(str(error)) from error
    return link.url


def _gateway_now() -> datetime:
    # Stripe dates its events to the second: so do we, or an event of this very second would look older.
    return timezone.now().replace(microsecond=0)


def _account_store(*, artist, gateway_name: str, result: AccountResult) -> ConnectedAccount:
    fields = {"gateway": gateway_name, "account_id": result.account_id, "charges_enabled": result.charges_enabled,
              "payouts_enabled": result.payouts_enabled, "details_submitted": result.details_submitted,
              "gateway_updated_at": _gateway_now(),
              "date_onboarded": timezone.now() if result.payouts_enabled else None}
    try:
        with transaction.atomic():
            account, _ = ConnectedAccount.objects.update_or_create(artist=artist, defaults=fields)
    except IntegrityError:
        # Two requests of the same artist at once: the same key gave both the same account.
        account = ConnectedAccount.objects.get(artist=artist)
    return account


def payout_account_refresh(*, artist) -> ConnectedAccount | None:
    """Ask the gateway for the artist's account now (they came back from onboarding before its webhook)."""
    account = ConnectedAccount.objects.filter(artist=artist).first()
    if account is None:
        return None
    try:
        result = _gateway(account.gateway).account_retrieve(
            account_id=account.account_id, idempotency_key=f"artiqo-connect-artist-{artist.pk}-retrieve")
    except (GatewayUnavailable, GatewayRejected) as error:
        logger.warning("Account %s not refreshed: %s", account.account_id, error)
        return account
    payout_account_apply(account=account, result=result, as_of=_gateway_now())
    return ConnectedAccount.objects.get(pk=account.pk)


def payout_account_apply(*, account: ConnectedAccount, result: AccountResult, as_of: datetime) -> bool:
    """Keep what the gateway says of the account as of `as_of`; older news is ignored. True if applied.

    News of the same second is applied: it can only be the same or newer (seconds are all Stripe gives).

    Once the account can receive payouts, the artist's waiting transfers go out (after commit).
    """
    with transaction.atomic():
        current = ConnectedAccount.objects.select_for_update().get(pk=account.pk)
        if current.gateway_updated_at is not None and as_of < current.gateway_updated_at:
            return False
        became_ready = result.payouts_enabled and not current.payouts_enabled
        current.charges_enabled = result.charges_enabled
        current.payouts_enabled = result.payouts_enabled
        current.details_submitted = result.details_submitted
        current.gateway_updated_at = as_of
        if became_ready and current.date_onboarded is None:
            current.date_onboarded = timezone.now()
        current.save()
        if current.payouts_enabled:
            artist_id = current.artist_id
            transaction.on_commit(lambda: transfers_settle_for_artist(artist_id=artist_id, source="account"),
                                  robust=True)
    return True


def _other_mode(event: WebhookEvent) -> bool:
    # A live platform's Connect endpoint also receives its connected accounts' test-mode events.
    live = settings.STRIPE_SECRET_KEY.startswith(("sk_live_", "rk_live_"))
    return event.livemode != live


def account_updated_event_apply(*, event: WebhookEvent) -> str:
    """account.updated: keep the flags of an artist's account; refuse accounts that are not an artist's."""
    if _other_mode(event):
        return "ignored: an event of the other mode (live/test)"
    account = ConnectedAccount.objects.filter(account_id=event.object_id).first() if event.object_id else None
    if account is None:
        return "refused: no artist has this account"
    result = account_from_dict(event.data_object)
    claimed = str(result.metadata.get("artist_id", ""))
    if claimed and claimed != str(account.artist_id):
        logger.error("account.updated %s: account %s names artist %s, not %s", event.event_id, account.account_id,
                     claimed, account.artist_id)
        return "refused: the account names another artist"
    created = event.payload.get("created")
    as_of = datetime.fromtimestamp(int(created), tz=UTC) if created else _gateway_now()
    if not payout_account_apply(account=account, result=result, as_of=as_of):
        return f"account {account.account_id}: older than what is known, ignored"
    return f"account {account.account_id}: payouts {'enabled' if result.payouts_enabled else 'not enabled'}"


# -- Transfers ----------------------------------------------------------------------------

def _history(transfer: Transfer, *, reason: str, source: str, from_status: str = "", to_status: str = "",
             event_id: str = "", object_id: str = "") -> TransferChange:
    return TransferChange.objects.create(
        transfer=transfer, from_status=from_status, to_status=to_status, reason=reason[:500], source=source,
        stripe_event_id=event_id, stripe_object_id=object_id or transfer.gateway_transfer_id,
    )


def _move(transfer: Transfer, *, to_status: str, reason: str, source: str, event_id: str = "", **fields) -> None:
    """Change a locked transfer's status along TRANSITIONS (and other fields), with its history entry."""
    if to_status not in TRANSITIONS[transfer.status]:
        raise ValueError(f"A transfer cannot go from {transfer.status} to {to_status}")
    previous = transfer.status
    for name, value in {"status": to_status, **fields}.items():
        setattr(transfer, name, value)
    transfer.save()
    _history(transfer, reason=reason, source=source, from_status=previous, to_status=to_status, event_id=event_id)


def _ledger_net(order, artist_id: int) -> dict | None:
    """The artist's net of the order after refunds, as the fee ledger has it ({"net", "currency"})."""
    return earnings_net_per_order(order_ids=[order.pk], artist_id=artist_id).get((order.pk, artist_id))


def _all_fulfilled(order, artist) -> bool:
    lines = Line.objects.filter(order=order, partner_id=artist.partner_id)
    return lines.exists() and not lines.exclude(status=statuses.SHIPPED).exists()


def transfer_open(*, order, artist, source: str = "fulfilment") -> Transfer | None:
    """Record that `artist` is owed their net of `order` (all their lines are fulfilled); sent after commit.

    Runs inside the shipment's transaction. None while some of their lines are still to
    ship, or when nothing is owed (the order was refunded in full first).
    """
    if not _all_fulfilled(order, artist):
        return None
    transfer = Transfer.objects.filter(order=order, artist=artist).first()
    if transfer is None:
        owed = _ledger_net(order, artist.pk)
        if owed is None:
            # The sale was never booked (the ledger's listener failed): book it now, it is idempotent.
            from storefront.billing.services import ledger_record_order_paid

            ledger_record_order_paid(order=order)
            owed = _ledger_net(order, artist.pk)
        if owed is None or owed["net"] <= 0:
            return None
        transfer = _transfer_record(order=order, artist=artist, amount=owed["net"], currency=owed["currency"],
                                    source=source)
    transfer_id = transfer.pk
    transaction.on_commit(lambda: transfer_settle(transfer_id=transfer_id, source=source), robust=True)
    return transfer


def _transfer_record(*, order, artist, amount: Decimal, currency: str, source: str) -> Transfer:
    try:
        with transaction.atomic():
            transfer = Transfer.objects.create(
                order=order, artist=artist, amount=amount, currency=currency,
                idempotency_key=f"artiqo-transfer-order-{order.number}-artist-{artist.pk}",
            )
            _history(transfer, reason=f"{artist.name} fulfilled their lines: {amount} {currency} owed", source=source,
                     to_status=TransferStatus.AWAITING_ACCOUNT)
    except IntegrityError:
        # Another worker recorded it first (unique order + artist): that one is the transfer.
        transfer = Transfer.objects.get(order=order, artist=artist)
    return transfer


def transfer_settle(*, transfer_id: int, source: str = "reconcile") -> Transfer:
    """Bring one transfer in line with the ledger and the artist's account; safe to run any time, any number."""
    _transfer_prepare(transfer_id=transfer_id, source=source)
    _transfer_send(transfer_id=transfer_id, source=source)
    _transfer_reverse(transfer_id=transfer_id, source=source)
    return Transfer.objects.get(pk=transfer_id)


def _ready_account(artist_id: int) -> ConnectedAccount | None:
    account = ConnectedAccount.objects.filter(artist_id=artist_id).first()
    return account if account is not None and account.is_ready else None


@transaction.atomic
def _transfer_prepare(*, transfer_id: int, source: str) -> None:
    """An unsent transfer: follow the ledger's amount, and when the account is ready, fix what will be sent."""
    transfer = Transfer.objects.select_for_update().select_related("order", "artist").get(pk=transfer_id)
    if transfer.status not in UNSENT or transfer.gateway_transfer_id or transfer.failure_code in NEEDS_ADMIN:
        return
    owed = _ledger_net(transfer.order, transfer.artist_id)
    net = owed["net"] if owed else ZERO
    if net <= 0:
        _move(transfer, to_status=TransferStatus.CANCELLED, source=source, amount=ZERO,
              reason="The buyer was refunded before the transfer was sent: nothing is owed")
        return
    if net != transfer.amount:
        _history(transfer, reason=f"Amount follows the ledger after a refund: {transfer.amount} → {net}",
                 source=source)
        transfer.amount = net
        transfer.save(update_fields=["amount", "date_updated"])
    account = _ready_account(transfer.artist_id)
    if account is None:
        return
    retry = transfer.status == TransferStatus.FAILED
    # Committed before the gateway is asked: a crash leaves a pending transfer that repeats this exact request.
    _move(transfer, to_status=TransferStatus.PENDING, source=source,
          reason=f"Retrying (attempt {transfer.attempt + 1})" if retry else "The artist's account is ready: sending",
          attempt=transfer.attempt + 1 if retry else transfer.attempt, gateway=account.gateway,
          destination=account.account_id, failure_code="", failure_reason="")


@transaction.atomic
def _transfer_send(*, transfer_id: int, source: str) -> None:
    # The row lock is held through the gateway call: a second worker waits, then finds it sent.
    transfer = Transfer.objects.select_for_update().select_related("order", "artist").get(pk=transfer_id)
    if transfer.status != TransferStatus.PENDING:
        return
    order = transfer.order
    try:
        result = _gateway(transfer.gateway).transfer_create(
            amount_minor=amount_to_minor(transfer.amount, transfer.currency), currency=transfer.currency,
            destination=transfer.destination, transfer_group=order.number,
            metadata={"order_number": order.number, "artist_id": str(transfer.artist_id),
                      "transfer_id": str(transfer.pk)},
            # Nothing that can change (a name) goes into the request: a resend must be byte for byte the same.
            description=f"Artiqo order {order.number}",
            idempotency_key=transfer.key_for_create(),
        )
    except GatewayUnavailable as error:
        _history(transfer, reason=f"Payment provider unreachable ({error}); resent with the same key later",
                 source=source)
        return
    except GatewayRejected as error:
        _move(transfer, to_status=TransferStatus.FAILED, source=source, failure_code=error.code[:100],
              failure_reason=str(error)[:500], reason=f"Refused by the payment provider: {error}")
        return
    problem = _mismatch(transfer, result)
    if problem:
        # Money may have moved somewhere else: an admin must look; never retried automatically.
        logger.error("Transfer %s: %s", transfer.pk, problem)
        _move(transfer, to_status=TransferStatus.FAILED, source=source, gateway_transfer_id=result.transfer_id,
              failure_code="mismatch", failure_reason=problem, reason=f"Refused the gateway's answer: {problem}")
        return
    _transfer_paid(transfer, result=result, source=source)


def _mismatch(transfer: Transfer, result: TransferResult) -> str:
    """Why the gateway's transfer is not the one we asked for ("" when it is)."""
    if result.destination != transfer.destination:
        return f"it went to {result.destination or 'an unknown account'}, not the artist's {transfer.destination}"
    expected = (amount_to_minor(transfer.amount, transfer.currency), transfer.currency.upper())
    if (result.amount_minor, result.currency) != expected:
        return f"it is {result.amount_minor} {result.currency} (minor units), not {expected[0]} {expected[1]}"
    return ""


def _transfer_paid(transfer: Transfer, *, result: TransferResult, source: str, event_id: str = "") -> None:
    reversed_total = max(transfer.amount_reversed, minor_to_amount(result.amount_reversed_minor, transfer.currency))
    _move(transfer, to_status=TransferStatus.PAID, source=source, event_id=event_id,
          gateway_transfer_id=result.transfer_id, date_paid=timezone.now(), failure_code="", failure_reason="",
          reason=f"Transferred {transfer.amount} {transfer.currency} to {transfer.destination}")
    _reversed_record(transfer, total=reversed_total, source=source, event_id=event_id)


def _reversed_record(transfer: Transfer, *, total: Decimal, source: str, event_id: str = "") -> bool:
    """Keep the reversed total the gateway reports (it only grows); True if that is news."""
    if total <= transfer.amount_reversed:
        return False
    delta, transfer.amount_reversed = total - transfer.amount_reversed, total
    if transfer.reversal_total is not None and total >= transfer.reversal_total:
        transfer.reversal_amount = transfer.reversal_total = None
    transfer.save()
    _history(transfer, reason=f"Reversed {delta} {transfer.currency} (now {total} in all)", source=source,
             event_id=event_id)
    if total >= transfer.amount and transfer.status != TransferStatus.REVERSED:
        _move(transfer, to_status=TransferStatus.REVERSED, source=source, event_id=event_id,
              date_reversed=timezone.now(), reason="The whole transfer is reversed")
    return True


def _transfer_reverse(*, transfer_id: int, source: str) -> None:
    """A paid transfer worth more than the artist's net after refunds: reverse the difference."""
    with transaction.atomic():
        transfer = Transfer.objects.select_for_update().select_related("order").get(pk=transfer_id)
        if transfer.status != TransferStatus.PAID:
            return
        if transfer.reversal_total is None:
            owed = _ledger_net(transfer.order, transfer.artist_id)
            net = max(owed["net"] if owed else ZERO, ZERO)
            total = transfer.amount - min(net, transfer.amount)
            if total <= transfer.amount_reversed:
                return
            # Committed before the gateway is asked, so a crash repeats this very reversal.
            transfer.reversal_amount, transfer.reversal_total = total - transfer.amount_reversed, total
            transfer.save(update_fields=["reversal_amount", "reversal_total", "date_updated"])
    with transaction.atomic():
        transfer = Transfer.objects.select_for_update().select_related("order").get(pk=transfer_id)
        if transfer.status != TransferStatus.PAID or transfer.reversal_total is None:
            return
        total, amount = transfer.reversal_total, transfer.reversal_amount
        try:
            reversal = _gateway(transfer.gateway).transfer_reversal_create(
                transfer_id=transfer.gateway_transfer_id, amount_minor=amount_to_minor(amount, transfer.currency),
                metadata={"order_number": transfer.order.number, "artist_id": str(transfer.artist_id),
                          "transfer_id": str(transfer.pk)},
                idempotency_key=transfer.key_for_reversal(amount_to_minor(total, transfer.currency)),
            )
        except GatewayUnavailable as error:
            _history(transfer, reason=f"Reversal of {amount} not confirmed ({error}); resent with the same key later",
                     source=source)
            return
        except GatewayRejected as error:
            # Left asked for: reconcile tries again; an admin sees why in the history and the CMS.
            logger.error("Reversal of transfer %s refused: %s", transfer.pk, error)
            transfer.failure_code, transfer.failure_reason = error.code[:100], f"Reversal refused: {error}"[:500]
            transfer.save(update_fields=["failure_code", "failure_reason", "date_updated"])
            _history(transfer, reason=f"Reversal of {amount} refused by the payment provider: {error}", source=source)
            return
        transfer.failure_code = transfer.failure_reason = ""
        _history(transfer, reason=f"Asked the payment provider to reverse {amount} {transfer.currency} "
                                  f"after a refund", source=source, object_id=reversal.reversal_id)
        _reversed_record(transfer, total=total, source=source)


def transfers_settle_for_order(*, order_id: int, source: str) -> int:
    """Settle every transfer of an order (after a refund); returns how many there are."""
    ids = list(Transfer.objects.filter(order_id=order_id).values_list("pk", flat=True))
    for transfer_id in ids:
        transfer_settle(transfer_id=transfer_id, source=source)
    return len(ids)


def transfers_settle_for_artist(*, artist_id: int, source: str) -> int:
    """Send an artist's waiting (and failed) transfers once their account is ready."""
    ids = list(Transfer.objects.filter(artist_id=artist_id, status__in=(*UNSENT, TransferStatus.PENDING))
               .values_list("pk", flat=True))
    for transfer_id in ids:
        transfer_settle(transfer_id=transfer_id, source=source)
    return len(ids)


def payment_refund_transfers_apply(*, payment) -> int:
    """A refund of an order's payment: shrink the transfers not sent yet, reverse the refunded share of the others."""
    # The ledger's own listener books the refund too; both are idempotent, and this one
    # must not depend on which listener Django calls first.
    from storefront.billing.services import ledger_record_refund

    ledger_record_refund(payment=payment)
    return transfers_settle_for_order(order_id=payment.order_id, source="refund")


def transfer_event_apply(*, event: WebhookEvent) -> str:
    """transfer.*: what the gateway says of one of our transfers (created, reversed, updated), in any order."""
    if _other_mode(event):
        return "ignored: an event of the other mode (live/test)"
    result = transfer_from_dict(event.data_object)
    transfer = _transfer_for_event(result)
    if transfer is None:
        return "ignored: no transfer of ours"
    with transaction.atomic():
        transfer = Transfer.objects.select_for_update().select_related("artist").get(pk=transfer.pk)
        if transfer.gateway_transfer_id and transfer.gateway_transfer_id != result.transfer_id:
            # A second transfer for one order and artist: never recorded as theirs; an admin must look.
            logger.error("Webhook %s: transfer %s is a second one for transfer %s (already %s)", event.event_id,
                         result.transfer_id, transfer.pk, transfer.gateway_transfer_id)
            return f"refused: transfer {transfer.pk} is already {transfer.gateway_transfer_id}"
        account = ConnectedAccount.objects.filter(artist_id=transfer.artist_id).first()
        destination = transfer.destination or (account.account_id if account else "")
        if not destination or result.destination != destination:
            logger.error("Webhook %s: transfer %s went to %s, not the artist's account %s", event.event_id,
                         result.transfer_id, result.destination, destination)
            return f"refused: transfer {result.transfer_id} is not to the artist's account"
        expected = (amount_to_minor(transfer.amount, transfer.currency), transfer.currency.upper())
        if (result.amount_minor, result.currency) != expected:
            return f"refused: transfer {result.transfer_id} is not of the amount asked"
        moved = False
        if not transfer.gateway_transfer_id and transfer.status in (TransferStatus.PENDING, TransferStatus.FAILED):
            # Stripe spoke before our own request returned (or after it was lost): it was sent.
            transfer.destination = destination
            _transfer_paid(transfer, result=result, source="webhook", event_id=event.event_id)
            moved = True
        elif transfer.gateway_transfer_id == result.transfer_id:
            total = minor_to_amount(result.amount_reversed_minor, transfer.currency)
            moved = _reversed_record(transfer, total=total, source="webhook", event_id=event.event_id)
    return f"transfer {transfer.pk}: {'now ' if moved else 'stays '}{transfer.status}"


def _transfer_for_event(result: TransferResult) -> Transfer | None:
    transfer = Transfer.objects.filter(gateway_transfer_id=result.transfer_id).first() if result.transfer_id else None
    if transfer is not None:
        return transfer
    transfer_id = str(result.metadata.get("transfer_id", ""))
    if not transfer_id.isdigit():
        return None
    transfer = Transfer.objects.select_related("order").filter(pk=int(transfer_id)).first()
    # Our own id in metadata is only believed with the order and artist it was sent for.
    if transfer is None or transfer.order.number != str(result.metadata.get("order_number", "")) or \
            str(transfer.artist_id) != str(result.metadata.get("artist_id", "")):
        return None
    return transfer


# -- Reconciliation ---------------------------------------------------------------------

def payouts_reconcile() -> list[str]:
    """Send what is due (waiting, pending, failed, reversals owed) and open transfers a crash missed:
    the lines `manage.py reconcile_payments` prints."""
    from storefront.payouts.selectors import transfer_ledger_differences, transfers_missing

    opened = 0
    for order, artist in transfers_missing():
        with transaction.atomic():
            opened += transfer_open(order=order, artist=artist, source="reconcile") is not None
    due = set(Transfer.objects.filter(Q(status__in=(*UNSENT, TransferStatus.PENDING))
                                      | Q(status=TransferStatus.PAID, reversal_total__isnull=False))
              .values_list("pk", flat=True))
    # Paid transfers worth more than is owed after a refund whose signal was lost.
    due |= {difference.transfer_id for difference in transfer_ledger_differences()}
    moved = 0
    for transfer_id in sorted(due):
        before = Transfer.objects.values_list("status", "amount_reversed").get(pk=transfer_id)
        after = transfer_settle(transfer_id=transfer_id, source="reconcile")
        moved += before != (after.status, after.amount_reversed)
    # Transfers that still differ from the ledger are reported by the "transfers" check.
    report = [f"Payouts: opened {opened} missing transfer(s), moved {moved} of {len(due)} due forward."]
    return report
