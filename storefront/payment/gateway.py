"""What every payment gateway answers (dataclasses), its errors, and which gateway is in use.

Two gateways share one interface: `stripe_api` (the only module importing `stripe`) and
`sandbox`, the built-in test gateway. The setting ARTIQO_PAYMENTS picks one ("stripe" or
"test"); when it says Stripe and the key is missing, payments are refused (fail closed),
never quietly sent to the test gateway.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import ModuleType

from django.conf import settings

from artiqo.core.errors import Invalid, Unavailable
from storefront.payment.models import PaymentStatus

logger = logging.getLogger(__name__)
# What Stripe needs to take payments (and to learn of their outcome) in production.
STRIPE_REQUIRED_SETTINGS = ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET")

# Currencies Stripe counts in whole units (no cents).
ZERO_DECIMAL_CURRENCIES = frozenset(
    "BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split()
)


class GatewayUnavailable(Unavailable):
    """The gateway could not be reached or failed (timeout, 5xx): retry with the same key.

    `str(error)` is the gateway's own words (logged, kept as a failure reason); `message`
    is what a client is told.
    """

    code = "payment_provider_unavailable"
    default_message = "The payment provider did not answer; retry with the same Idempotency-Key."

    def __init__(self, detail: str = "", *, message: str | None = None):
        super().__init__(message, detail=detail)


class PaymentsNotConfigured(GatewayUnavailable):
    """Stripe takes the payments (ARTIQO_PAYMENTS) but its key is missing: nothing is charged (API 503).

    A kind of GatewayUnavailable, so every caller already leaves its attempt unfinished;
    the message is meant for the buyer or artist, the missing setting goes to the log.
    """

    code = "payments_not_configured"

    def __init__(self, missing: list[str]):
        self.missing = missing
        message = ("Payments are switched off until the shop's payment provider is set up. "
                   "Nothing was charged; please try again later.")
        super().__init__(message, message=message)


class GatewayRejected(Invalid):
    """The gateway refused the request itself (bad parameters, idempotency key reused...).

    Its `code` is the gateway's (e.g. `card_declined`, kept as the failure code); a client
    that sent the payment method is told it under `payment_method`.
    """

    def __init__(self, message: str, code: str = ""):
        super().__init__(message, fields={"payment_method": [message]})
        self.code = code


class WebhookSignatureInvalid(Exception):
    """A webhook's signature does not match its body, or it is too old."""


@dataclass(frozen=True)
class IntentResult:
    """A PaymentIntent as the gateway last described it (Saleor's GatewayResponse, for intents)."""

    intent_id: str
    gateway_status: str
    amount_minor: int
    currency: str
    next_action_url: str = ""
    error_code: str = ""
    error_message: str = ""
    card_brand: str = ""
    card_last4: str = ""
    metadata: dict = field(default_factory=dict)

    @property
    def status(self) -> str:
        return intent_status(self.gateway_status, has_error=bool(self.error_code or self.error_message))


@dataclass(frozen=True)
class SessionResult:
    """A Checkout Session (the gateway's hosted payment or card-saving page) as last described.

    `status` is open, complete or expired; `payment_status` paid, unpaid or no_payment_required.
    """

    session_id: str
    url: str
    mode: str
    status: str
    payment_status: str
    amount_minor: int
    currency: str
    client_reference_id: str = ""
    intent_id: str = ""
    setup_intent_id: str = ""
    customer_id: str = ""
    saved_payment_method: str = ""
    intent: IntentResult | None = None
    metadata: dict = field(default_factory=dict)

    @property
    def is_paid(self) -> bool:
        return self.status == "complete" and self.payment_status in ("paid", "no_payment_required")

    def as_intent(self) -> IntentResult:
        """The session's payment in PaymentIntent terms: its intent if expanded, else what the session says."""
        if self.intent is not None:
            return self.intent
        return IntentResult(intent_id=self.intent_id, amount_minor=self.amount_minor, currency=self.currency,
                            gateway_status="succeeded" if self.is_paid else "requires_payment_method",
                            metadata=self.metadata)


@dataclass(frozen=True)
class RefundResult:
    refund_id: str
    gateway_status: str
    amount_minor: int
    intent_id: str


@dataclass(frozen=True)
class WebhookEvent:
    event_id: str
    type: str
    livemode: bool
    data_object: dict
    payload: dict

    @property
    def object_id(self) -> str:
        return str(self.data_object.get("id", ""))


def intent_status(gateway_status: str, *, has_error: bool = False) -> str:
    """Our payment status for a Stripe PaymentIntent status."""
    if gateway_status == "succeeded":
        return PaymentStatus.COMPLETED
    if gateway_status == "requires_action":
        return PaymentStatus.REQUIRES_ACTION
    if gateway_status == "canceled" or (gateway_status == "requires_payment_method" and has_error):
        return PaymentStatus.FAILED
    return PaymentStatus.PENDING


def amount_to_minor(amount: Decimal, currency: str) -> int:
    exponent = Decimal("1") if currency.upper() in ZERO_DECIMAL_CURRENCIES else Decimal("0.01")
    return int((amount.quantize(exponent, rounding=ROUND_HALF_UP) / exponent).to_integral_value())


def minor_to_amount(amount_minor: int, currency: str) -> Decimal:
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return Decimal(amount_minor)
    return (Decimal(amount_minor) / 100).quantize(Decimal("0.01"))


def is_test_mode() -> bool:
    """True when payments go to the built-in test gateway (ARTIQO_PAYMENTS=test): no money moves."""
    return settings.ARTIQO_PAYMENTS == "test"


def stripe_settings_missing() -> list[str]:
    """The Stripe settings (STRIPE_REQUIRED_SETTINGS) that are empty."""
    return [name for name in STRIPE_REQUIRED_SETTINGS if not getattr(settings, name, "")]


def gateway_get() -> ModuleType:
    """The gateway module in use: functions payment_intent_create/retrieve and refund_create.

    Raises PaymentsNotConfigured when Stripe is selected without its secret key.
    """
    if is_test_mode():
        from storefront.payment import sandbox

        return sandbox
    if not settings.STRIPE_SECRET_KEY:
        logger.error("Payment refused: ARTIQO_PAYMENTS is %r but STRIPE_SECRET_KEY is not set",
                     settings.ARTIQO_PAYMENTS)
        raise PaymentsNotConfigured(["STRIPE_SECRET_KEY"])
    from storefront.payment import stripe_api

    return stripe_api


def intent_from_dict(data: dict) -> IntentResult:
    """Read a PaymentIntent in Stripe's JSON shape (from the API, a webhook, or the sandbox)."""
    error = data.get("last_payment_error") or {}
    next_action = data.get("next_action") or {}
    payment_method = data.get("payment_method")
    card = (payment_method.get("card") or {}) if isinstance(payment_method, dict) else {}
    return IntentResult(
        intent_id=str(data["id"]),
        gateway_status=str(data["status"]),
        amount_minor=int(data["amount"]),
        currency=str(data["currency"]).upper(),
        next_action_url=str((next_action.get("redirect_to_url") or {}).get("url") or ""),
        error_code=str(error.get("decline_code") or error.get("code") or ""),
        error_message=str(error.get("message") or ""),
        card_brand=str(card.get("brand") or ""),
        card_last4=str(card.get("last4") or ""),
        metadata=dict(data.get("metadata") or {}),
    )


def _object_id(value) -> str:
    """An id from a field Stripe sends either as the id or as the expanded object."""
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


def session_from_dict(data: dict) -> SessionResult:
    """Read a Checkout Session in Stripe's JSON shape (API answer, webhook, or the sandbox)."""
    intent = data.get("payment_intent")
    return SessionResult(
        session_id=str(data["id"]),
        url=str(data.get("url") or ""),
        mode=str(data.get("mode") or "payment"),
        status=str(data.get("status") or "open"),
        payment_status=str(data.get("payment_status") or "unpaid"),
        amount_minor=int(data.get("amount_total") or 0),
        currency=str(data.get("currency") or "").upper(),
        client_reference_id=str(data.get("client_reference_id") or ""),
        intent_id=_object_id(intent),
        setup_intent_id=_object_id(data.get("setup_intent")),
        customer_id=_object_id(data.get("customer")),
        saved_payment_method=_object_id((data.get("setup_intent") or {}).get("payment_method"))
        if isinstance(data.get("setup_intent"), dict) else "",
        intent=intent_from_dict(intent) if isinstance(intent, dict) else None,
        metadata=dict(data.get("metadata") or {}),
    )


def refund_from_dict(data: dict) -> RefundResult:
    return RefundResult(
        refund_id=str(data["id"]), gateway_status=str(data.get("status") or ""),
        amount_minor=int(data["amount"]), intent_id=str(data.get("payment_intent") or ""),
    )


# -- Customers and saved cards -----------------------------------------------------------------
@dataclass(frozen=True)
class CustomerResult:
    """A payer at the gateway (a Stripe Customer): where their saved cards live."""

    customer_id: str
    email: str = ""


@dataclass(frozen=True)
class CardResult:
    """A saved card (a Stripe PaymentMethod): its id, what the payer recognises it by, its customer."""

    payment_method_id: str
    brand: str = ""
    last4: str = ""
    customer_id: str = ""


def customer_from_dict(data: dict) -> CustomerResult:
    return CustomerResult(customer_id=str(data["id"]), email=str(data.get("email") or ""))


def card_from_dict(data: dict) -> CardResult:
    card = data.get("card") or {}
    return CardResult(payment_method_id=str(data["id"]), brand=str(card.get("brand") or ""),
                      last4=str(card.get("last4") or ""), customer_id=_object_id(data.get("customer")))


# -- Connect: artists' accounts, onboarding links, transfers and their reversals ---------------

@dataclass(frozen=True)
class AccountResult:
    """A connected (Express) account: whether Stripe lets it take charges and receive payouts."""

    account_id: str
    charges_enabled: bool
    payouts_enabled: bool
    details_submitted: bool
    email: str = ""
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AccountLinkResult:
    """A single-use link to the gateway's hosted onboarding of one account."""

    url: str
    expires_at: int


@dataclass(frozen=True)
class TransferResult:
    """Money moved from the platform's balance to a connected account (and how much came back)."""

    transfer_id: str
    amount_minor: int
    currency: str
    destination: str
    amount_reversed_minor: int = 0
    reversed: bool = False
    transfer_group: str = ""
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TransferReversalResult:
    reversal_id: str
    transfer_id: str
    amount_minor: int
    currency: str


def account_from_dict(data: dict) -> AccountResult:
    """Read an Account in Stripe's JSON shape (API answer, `account.updated` webhook, or the sandbox)."""
    return AccountResult(
        account_id=str(data["id"]), charges_enabled=bool(data.get("charges_enabled")),
        payouts_enabled=bool(data.get("payouts_enabled")), details_submitted=bool(data.get("details_submitted")),
        email=str(data.get("email") or ""), metadata=dict(data.get("metadata") or {}),
    )


def account_link_from_dict(data: dict) -> AccountLinkResult:
    return AccountLinkResult(url=str(data["url"]), expires_at=int(data.get("expires_at") or 0))


def transfer_from_dict(data: dict) -> TransferResult:
    destination = data.get("destination")
    if isinstance(destination, dict):  # expanded
        destination = destination.get("id")
    return TransferResult(
        transfer_id=str(data["id"]), amount_minor=int(data["amount"]), currency=str(data["currency"]).upper(),
        destination=str(destination or ""), amount_reversed_minor=int(data.get("amount_reversed") or 0),
        reversed=bool(data.get("reversed")), transfer_group=str(data.get("transfer_group") or ""),
        metadata=dict(data.get("metadata") or {}),
    )


def transfer_reversal_from_dict(data: dict) -> TransferReversalResult:
    transfer = data.get("transfer")
    if isinstance(transfer, dict):
        transfer = transfer.get("id")
    return TransferReversalResult(
        reversal_id=str(data["id"]), transfer_id=str(transfer or ""), amount_minor=int(data["amount"]),
        currency=str(data["currency"]).upper(),
    )
