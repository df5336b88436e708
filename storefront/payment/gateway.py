"""What every payment gateway answers (dataclasses), its errors, and which gateway is in use.

Two gateways share one interface: `stripe_api` (the only module importing `stripe`) and
`sandbox`, the built-in test gateway used when no STRIPE_SECRET_KEY is configured.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import ModuleType

from django.conf import settings

from storefront.payment.models import PaymentStatus

# Currencies Stripe counts in whole units (no cents).
ZERO_DECIMAL_CURRENCIES = frozenset(
    "BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split()
)


class GatewayUnavailable(Exception):
    """The gateway could not be reached or failed (timeout, 5xx): retry with the same key."""


class GatewayRejected(Exception):
    """The gateway refused the request itself (bad parameters, idempotency key reused...)."""

    def __init__(self, message: str, code: str = ""):
        self.code = code
        super().__init__(message)


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
    """True when payments go to the built-in test gateway (no Stripe key configured)."""
    return not settings.STRIPE_SECRET_KEY


def gateway_get() -> ModuleType:
    """The gateway module in use: functions payment_intent_create/retrieve and refund_create."""
    if is_test_mode():
        from storefront.payment import sandbox

        return sandbox
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


def refund_from_dict(data: dict) -> RefundResult:
    return RefundResult(
        refund_id=str(data["id"]), gateway_status=str(data.get("status") or ""),
        amount_minor=int(data["amount"]), intent_id=str(data.get("payment_intent") or ""),
    )


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
