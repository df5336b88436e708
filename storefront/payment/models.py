"""Payments: one row per attempt to move money (an order, a plan period, a featured listing...),
its history, Stripe's webhook events.

Every payment Artiqo starts is a `Payment` with a `purpose`; what it buys is the purpose
owner's business (the order, or billing's charge record), told through the handlers that
app registers in `storefront.payment.purposes`. Plus the state of the built-in test
gateway (used when no Stripe key is configured).
"""
from django.conf import settings
from django.db import models


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    REQUIRES_ACTION = "requires_action", "Awaiting card authentication"
    FAILED = "failed", "Failed"
    COMPLETED = "completed", "Completed"
    REFUNDED = "refunded", "Refunded"


# Status only moves forward along this order; a late "failed" never undoes "completed",
# but Stripe saying money moved (completed) beats an earlier failure.
STATUS_RANK = {
    PaymentStatus.PENDING: 0,
    PaymentStatus.REQUIRES_ACTION: 1,
    PaymentStatus.FAILED: 2,
    PaymentStatus.COMPLETED: 3,
    PaymentStatus.REFUNDED: 4,
}
UNFINISHED = (PaymentStatus.PENDING, PaymentStatus.REQUIRES_ACTION)


def statuses_before(status: str) -> list[str]:
    return [other for other, rank in STATUS_RANK.items() if rank < STATUS_RANK[status]]


# The purpose of paying for an order; other purposes are registered by the apps that own them.
ORDER_PURPOSE = "order"

# Payments moved here from billing's own charge table kept the keys they were created with:
# their prefix is this mark + the old key, which the gateway saw for the creation itself.
LEGACY_KEY_MARK = "legacy:"


class Payment(models.Model):
    """One attempt to move money through a gateway (Stripe, or the built-in test gateway)."""

    purpose = models.CharField(
        max_length=30, default=ORDER_PURPOSE, db_index=True,
        help_text="What the money is for: order, or a purpose another app registered (plan, feature...)",
    )
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="payments", help_text="Who pays (the buyer, or the artist for a plan)")
    order = models.ForeignKey("order.Order", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="payments", help_text="The order paid for (order payments only)")
    attempt = models.PositiveSmallIntegerField(default=1, help_text="The attempt's number for its order")
    description = models.CharField(max_length=200, blank=True, help_text="What the payer sees it as")
    gateway = models.CharField(max_length=10)
    status = models.CharField(max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.PENDING,
                              db_index=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    amount_refunded = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    payment_method = models.CharField(max_length=100, blank=True,
                                      help_text="The gateway's token for the card (empty until a hosted page has it)")
    customer_id = models.CharField(max_length=255, blank=True,
                                   help_text="The payer's customer at the gateway, when their saved card pays")
    off_session = models.BooleanField(default=False,
                                      help_text="Charged while the payer is away (a renewal on their saved card)")
    idempotency_prefix = models.CharField(
        max_length=200, unique=True, help_text="Every gateway call for this attempt sends this + the call's name"
    )
    request_key = models.CharField(max_length=100, null=True, blank=True,
                                   help_text="The client's Idempotency-Key (or form token) that started it")
    request_fingerprint = models.CharField(max_length=64)
    intent_id = models.CharField("PaymentIntent", max_length=255, blank=True, db_index=True)
    return_url = models.URLField(max_length=1000, blank=True,
                                 help_text="Where card authentication sends the payer back (empty: the purpose's own)")
    next_action_url = models.URLField(max_length=1000, blank=True)
    checkout_session_id = models.CharField(
        "Checkout Session", max_length=255, blank=True, db_index=True,
        help_text="The gateway's hosted payment page for this attempt (Stripe Checkout), if it was paid there",
    )
    checkout_url = models.URLField(max_length=1000, blank=True, help_text="Where the buyer pays this attempt")
    needs_refund = models.BooleanField(
        default=False, help_text="Paid, but the order could not take it (work sold meanwhile): refund due"
    )
    failure_code = models.CharField(max_length=100, blank=True)
    failure_message = models.CharField(max_length=500, blank=True)
    card_brand = models.CharField(max_length=20, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)
    date_completed = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "attempt", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "attempt"], name="payment_unique_attempt"),
            models.UniqueConstraint(fields=["order", "request_key"], name="payment_unique_request_key"),
        ]

    def __str__(self):
        if self.order_id:
            return f"Order {self.order_id} attempt {self.attempt}: {self.get_status_display()}"
        return f"{self.description or self.purpose}: {self.get_status_display()}"

    def key_for(self, operation: str) -> str:
        """The deterministic idempotency key of one gateway operation of this attempt."""
        if self.idempotency_prefix.startswith(LEGACY_KEY_MARK):
            # Billing sent a charge's creation under its bare key, and every other call as key-operation.
            legacy = self.idempotency_prefix[len(LEGACY_KEY_MARK):]
            return legacy if operation == "create" else f"{legacy}-{operation}"
        return f"{self.idempotency_prefix}-{operation}"

    @property
    def is_finished(self) -> bool:
        return self.status not in UNFINISHED


class PaymentChange(models.Model):
    """One entry of a payment's history: a status change or a refund, when, why, Stripe's ids."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    reason = models.CharField(max_length=500)
    source = models.CharField(max_length=20, help_text="checkout, webhook, retrieve, refund…")
    stripe_event_id = models.CharField(max_length=255, blank=True)
    stripe_object_id = models.CharField(max_length=255, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date_created", "pk"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status or '—'}: {self.reason}"


class PaymentCustomer(models.Model):
    """A payer's customer at a gateway (a Stripe Customer), created once, and the card saved on it.

    The card is typed on the gateway's card-saving page (a Checkout Session in setup mode),
    never on Artiqo's; what is kept here is the gateway's token for it and what the payer
    recognises it by. Renewals charge it while the payer is away.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payment_customers")
    gateway = models.CharField(max_length=10)
    customer_id = models.CharField("Customer", max_length=255, unique=True)
    payment_method = models.CharField(max_length=100, blank=True, help_text="The saved card's token")
    card_brand = models.CharField(max_length=20, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    card_sessions = models.JSONField(default=list, blank=True,
                                     help_text="The card-saving pages whose card was kept, oldest first")
    card_saved_at = models.DateTimeField(null=True, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "gateway"], name="payment_customer_once_per_gateway")]

    def __str__(self):
        card = f", {self.card_brand} ending {self.card_last4}" if self.card_last4 else ""
        return f"{self.customer_id} ({self.gateway}{card})"

    @property
    def has_card(self) -> bool:
        return bool(self.payment_method)


class StripeWebhookEvent(models.Model):
    """A verified webhook event; the unique id makes each delivery count once."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=255, blank=True)
    livemode = models.BooleanField(default=False)
    payload = models.JSONField()
    outcome = models.CharField(max_length=255, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class SandboxIntent(models.Model):
    """A PaymentIntent of the built-in test gateway (no money moves; Stripe's test cards)."""

    intent_id = models.CharField(max_length=64, unique=True)
    amount_minor = models.PositiveBigIntegerField()
    currency = models.CharField(max_length=3)
    payment_method = models.CharField(max_length=100)
    status = models.CharField(max_length=30)
    error_code = models.CharField(max_length=100, blank=True)
    error_message = models.CharField(max_length=500, blank=True)
    amount_refunded_minor = models.PositiveBigIntegerField(default=0)
    metadata = models.JSONField(default=dict)
    date_created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.intent_id} ({self.status})"


class SandboxSession(models.Model):
    """A Checkout Session of the built-in test gateway: its own hosted page takes Stripe's test cards."""

    session_id = models.CharField(max_length=64, unique=True)
    mode = models.CharField(max_length=10, default="payment")
    status = models.CharField(max_length=10, default="open")
    payment_status = models.CharField(max_length=20, default="unpaid")
    amount_minor = models.PositiveBigIntegerField(default=0)
    currency = models.CharField(max_length=3)
    description = models.CharField(max_length=255, blank=True)
    client_reference_id = models.CharField(max_length=255, blank=True)
    success_url = models.URLField(max_length=1000)
    cancel_url = models.URLField(max_length=1000)
    intent_id = models.CharField(max_length=64, blank=True, help_text="The PaymentIntent of the last card tried")
    customer_id = models.CharField(max_length=64, blank=True)
    payment_method = models.CharField(max_length=100, blank=True, help_text="The card saved (setup mode)")
    metadata = models.JSONField(default=dict)
    date_created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.session_id} ({self.status})"


class SandboxRequest(models.Model):
    """An idempotent request to the test gateway: a replay gets the stored answer, like Stripe."""

    idempotency_key = models.CharField(max_length=255, unique=True)
    fingerprint = models.CharField(max_length=64)
    response = models.JSONField()
    date_created = models.DateTimeField(auto_now_add=True)


class SandboxAccount(models.Model):
    """A connected (Express) account of the built-in test gateway, with its pending onboarding link."""

    account_id = models.CharField(max_length=64, unique=True)
    email = models.EmailField(blank=True)
    business_name = models.CharField(max_length=200, blank=True)
    business_url = models.URLField(max_length=500, blank=True)
    metadata = models.JSONField(default=dict)
    charges_enabled = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False)
    details_submitted = models.BooleanField(default=False)
    link_token = models.CharField(max_length=64, blank=True, db_index=True,
                                  help_text="The secret in the current onboarding link (single-use)")
    link_refresh_url = models.URLField(max_length=1000, blank=True)
    link_return_url = models.URLField(max_length=1000, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.account_id} ({self.business_name or self.email})"


class SandboxTransfer(models.Model):
    """A transfer of the built-in test gateway to one of its accounts, and what was reversed of it."""

    transfer_id = models.CharField(max_length=64, unique=True)
    amount_minor = models.PositiveBigIntegerField()
    currency = models.CharField(max_length=3)
    destination = models.CharField(max_length=64, db_index=True)
    transfer_group = models.CharField(max_length=100, blank=True)
    description = models.CharField(max_length=500, blank=True)
    metadata = models.JSONField(default=dict)
    amount_reversed_minor = models.PositiveBigIntegerField(default=0)
    date_created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.transfer_id} → {self.destination}"


from oscar.apps.payment.models import *  # noqa: E402,F401,F403
