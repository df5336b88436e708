"""Payout data: each artist's connected account at the gateway, and one transfer per order and artist.

A transfer's status moves along TRANSITIONS only; every change is kept in its history
(TransferChange), like a payment's.
"""
from __future__ import annotations

from django.db import models

MONEY = {"max_digits": 12, "decimal_places": 2}


class ConnectedAccount(models.Model):
    """An artist's Express account at the gateway (Stripe, or the built-in test gateway)."""

    artist = models.OneToOneField("artists.Artist", on_delete=models.PROTECT, related_name="payout_account")
    gateway = models.CharField(max_length=10, help_text="`stripe`, or `test` for the built-in test gateway")
    account_id = models.CharField("Account", max_length=255, unique=True)
    charges_enabled = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False, help_text="The account can receive transfers")
    details_submitted = models.BooleanField(default=False, help_text="The artist finished the hosted onboarding")
    gateway_updated_at = models.DateTimeField(
        null=True, blank=True,
        help_text="As of when the gateway described these flags (older events are ignored)",
    )
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)
    date_onboarded = models.DateTimeField(null=True, blank=True, help_text="When payouts were first enabled")

    class Meta:
        verbose_name = "connected account"

    def __str__(self):
        return f"{self.artist} · {self.account_id}"

    @property
    def is_ready(self) -> bool:
        return self.payouts_enabled

    @property
    def state(self) -> str:
        if self.payouts_enabled:
            return "ready"
        return "restricted" if self.details_submitted else "incomplete"


class TransferStatus(models.TextChoices):
    AWAITING_ACCOUNT = "awaiting_account", "Waiting for the artist's payout account"
    PENDING = "pending", "Pending"
    PAID = "paid", "Paid"
    REVERSED = "reversed", "Reversed"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled (refunded before it was sent)"


# Which status may follow which. A failed transfer is retried (back to pending) or, when
# the gateway says money did move after all, paid; nothing leaves reversed or cancelled.
TRANSITIONS = {
    TransferStatus.AWAITING_ACCOUNT: {TransferStatus.PENDING, TransferStatus.CANCELLED},
    TransferStatus.PENDING: {TransferStatus.PAID, TransferStatus.FAILED, TransferStatus.REVERSED},
    TransferStatus.FAILED: {TransferStatus.PENDING, TransferStatus.PAID, TransferStatus.CANCELLED},
    TransferStatus.PAID: {TransferStatus.REVERSED},
    TransferStatus.REVERSED: set(),
    TransferStatus.CANCELLED: set(),
}
# Not yet sent: its amount still follows the ledger (a refund before the transfer reduces it).
UNSENT = (TransferStatus.AWAITING_ACCOUNT, TransferStatus.FAILED)


class Transfer(models.Model):
    """An artist's net of one order (price minus commission, after refunds) moved to their account."""

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="payout_transfers")
    artist = models.ForeignKey("artists.Artist", on_delete=models.PROTECT, related_name="payout_transfers")
    amount = models.DecimalField(**MONEY, help_text="What is (or will be) transferred")
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=20, choices=TransferStatus.choices, default=TransferStatus.AWAITING_ACCOUNT,
                              db_index=True)
    amount_reversed = models.DecimalField(**MONEY, default=0, help_text="Taken back after refunds")
    gateway = models.CharField(max_length=10, blank=True)
    destination = models.CharField(max_length=255, blank=True, help_text="The connected account it was sent to")
    gateway_transfer_id = models.CharField("Transfer", max_length=255, blank=True, db_index=True)
    idempotency_key = models.CharField(
        max_length=150, unique=True,
        help_text="Every gateway call for this transfer sends this (+ the attempt or reversal it is)",
    )
    attempt = models.PositiveSmallIntegerField(
        default=1, help_text="Raised only after the gateway refused a try outright (nothing was sent)",
    )
    reversal_amount = models.DecimalField(**MONEY, null=True, blank=True,
                                          help_text="A reversal asked of the gateway, not yet confirmed")
    reversal_total = models.DecimalField(**MONEY, null=True, blank=True,
                                         help_text="What will be reversed in all once that reversal is confirmed")
    failure_code = models.CharField(max_length=100, blank=True)
    failure_reason = models.CharField(max_length=500, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)
    date_paid = models.DateTimeField(null=True, blank=True)
    date_reversed = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date_created", "-pk"]
        constraints = [
            # One transfer per order and artist, whoever ships or retries at the same time.
            models.UniqueConstraint(fields=["order", "artist"], name="payout_transfer_unique_order_artist"),
        ]

    def __str__(self):
        return f"{self.amount} {self.currency} to {self.artist} for order {self.order_id} ({self.status})"

    def key_for_create(self) -> str:
        # A new key only after an outright refusal: a repeated try must be answered, not paid twice.
        return self.idempotency_key if self.attempt == 1 else f"{self.idempotency_key}-attempt-{self.attempt}"

    def key_for_reversal(self, total_minor: int) -> str:
        # Keyed on what will be reversed in all, so a repeated refund signal asks for the same reversal.
        return f"{self.idempotency_key}-reversed-{total_minor}"

    @property
    def net_amount(self):
        """What the artist keeps of it."""
        return self.amount - self.amount_reversed


class TransferChange(models.Model):
    """One entry of a transfer's history: a status change, an amount change or a reversal, when and why."""

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    reason = models.CharField(max_length=500)
    source = models.CharField(max_length=20, help_text="fulfilment, refund, webhook, reconcile…")
    stripe_event_id = models.CharField(max_length=255, blank=True)
    stripe_object_id = models.CharField(max_length=255, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date_created", "pk"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status or '—'}: {self.reason}"
