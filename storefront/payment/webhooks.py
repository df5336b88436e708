"""Which code applies which Stripe webhook event: a registry filled by each app at start-up.

The payment app (core floor) receives and records every verified event once; apps on
higher floors (payouts, billing) register handlers for their event types in their
`AppConfig.ready()`, so payment never imports them. A handler takes the event and
returns a short outcome string, stored on the event row.
"""
from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction

from storefront.payment.gateway import WebhookEvent
from storefront.payment.models import StripeWebhookEvent

WebhookHandler = Callable[..., str]
_handlers: dict[str, list[WebhookHandler]] = {}


def webhook_handler_register(*, event_type: str, handler: WebhookHandler) -> None:
    """Route `event_type` ("account.updated", or a prefix ending in "." such as "transfer.") to `handler`.

    Several apps may handle one type (a Checkout Session pays an order or saves an artist's
    card): each handler returns "" for objects that are not its own.
    """
    handlers = _handlers.setdefault(event_type, [])
    if handler not in handlers:
        handlers.append(handler)


def webhook_handlers_for(*, event_type: str) -> list[WebhookHandler]:
    """The handlers of the exact type, then of each registered prefix ("transfer." for "transfer.reversed")."""
    prefixes = sorted((key for key in _handlers if key.endswith(".") and event_type.startswith(key)), key=len)
    return [*_handlers.get(event_type, []), *(handler for key in prefixes for handler in _handlers[key])]


def webhook_event_dispatch(*, event: WebhookEvent) -> str:
    """Apply one verified event (any order, any number of times) through its registered handlers."""
    handlers = webhook_handlers_for(event_type=event.type)
    if not handlers:
        return "ignored: event type not handled"
    outcomes = [outcome for outcome in (handler(event=event) for handler in handlers) if outcome]
    return "; ".join(outcomes) or "ignored: not an object Artiqo started"


def webhook_event_receive(*, event: WebhookEvent) -> str:
    """Record a verified event once (its id is unique) and apply it in the same transaction.

    Stripe's events arrive through the signed endpoint; the built-in test gateway announces
    its own (a hosted page paid, an account onboarded) through here too, so both take one path.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = StripeWebhookEvent.objects.create(
                    event_id=event.event_id, type=event.type[:100], object_id=event.object_id[:255],
                    livemode=event.livemode, payload=event.payload,
                )
        except IntegrityError:
            return "duplicate: already received"
        outcome = webhook_event_dispatch(event=event)
        StripeWebhookEvent.objects.filter(pk=record.pk).update(outcome=outcome[:255])
    return outcome
