"""Which code applies which Stripe webhook event: a registry filled by each app at start-up.

The payment app (core floor) receives and records every verified event once; apps on
higher floors (payouts, billing) register handlers for their event types in their
`AppConfig.ready()`, so payment never imports them. A handler takes the event and
returns a short outcome string, stored on the event row.
"""
from __future__ import annotations

from typing import Callable

from storefront.payment.gateway import WebhookEvent

WebhookHandler = Callable[..., str]
_handlers: dict[str, WebhookHandler] = {}


def webhook_handler_register(*, event_type: str, handler: WebhookHandler) -> None:
    """Route `event_type` ("account.updated", or a prefix ending in "." such as "transfer.") to `handler`."""
    registered = _handlers.get(event_type)
    if registered is not None and registered is not handler:
        raise ValueError(f"Webhook event type {event_type!r} already has a handler: {registered!r}")
    _handlers[event_type] = handler


def webhook_handler_for(*, event_type: str) -> WebhookHandler | None:
    """The handler of the exact type, else of its longest registered prefix ("transfer." for "transfer.reversed")."""
    if event_type in _handlers:
        return _handlers[event_type]
    prefixes = [key for key in _handlers if key.endswith(".") and event_type.startswith(key)]
    return _handlers[max(prefixes, key=len)] if prefixes else None


def webhook_event_dispatch(*, event: WebhookEvent) -> str:
    handler = webhook_handler_for(event_type=event.type)
    if handler is None:
        return "ignored: event type not handled"
    return handler(event=event)
