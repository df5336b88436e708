"""What each payment is for: a registry of purposes and their handlers, filled at start-up.

One pipeline moves all of Artiqo's money (attempts, history, gateway keys, webhooks, the
test gateway's 3-D Secure page). What a payment buys belongs to the app that started it:
orders (registered by the payment app itself), plan periods and featured listings
(registered by billing in its `AppConfig.ready()`), so the payment app never imports a
higher floor. Handlers run inside the transaction that changes the payment's status, once
per change: what they write commits together with the change, or not at all.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

PaymentHandler = Callable[..., None]


@dataclass(frozen=True)
class PaymentPurpose:
    """How one purpose reacts to its payments: `on_completed(payment=)` when the money moved,
    `on_failed(payment=, notify=)` when it did not (`notify` is False when Artiqo itself
    abandoned the attempt), `on_requires_action(payment=)` when the bank asks the payer to
    authenticate, and `return_url(payment=)`: where the payer comes back after the bank's
    or gateway's page, for payments started without one."""

    name: str
    on_completed: PaymentHandler
    on_failed: PaymentHandler | None = None
    on_requires_action: PaymentHandler | None = None
    return_url: Callable[..., str] | None = None


_purposes: dict[str, PaymentPurpose] = {}


class UnknownPaymentPurpose(LookupError):
    """A payment names a purpose no app registered (an app missing from INSTALLED_APPS)."""


def payment_purpose_register(
    *,
    purpose: str,
    on_completed: PaymentHandler,
    on_failed: PaymentHandler | None = None,
    on_requires_action: PaymentHandler | None = None,
    return_url: Callable[..., str] | None = None,
) -> PaymentPurpose:
    """Register `purpose`'s handlers; registering the same handlers again (a reloaded app) is harmless."""
    entry = PaymentPurpose(name=purpose, on_completed=on_completed, on_failed=on_failed,
                           on_requires_action=on_requires_action, return_url=return_url)
    registered = _purposes.get(purpose)
    if registered is not None and registered != entry:
        raise ValueError(f"Payment purpose {purpose!r} is already registered with other handlers: {registered!r}")
    _purposes[purpose] = entry
    return entry


def payment_purpose_get(*, purpose: str) -> PaymentPurpose:
    try:
        return _purposes[purpose]
    except KeyError:
        raise UnknownPaymentPurpose(f"No app registered the payment purpose {purpose!r}.") from None


def payment_purpose_names() -> list[str]:
    return sorted(_purposes)
