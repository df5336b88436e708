"""Mail of the studio: the buyer is told an artist shipped their part of an order (outbox, caller's transaction)."""
from __future__ import annotations

import logging

from django.urls import reverse

from artiqo.core.links import absolute_url
from artiqo.core.people import person_name
from artiqo.outbox.services import message_render_enqueue

logger = logging.getLogger(__name__)


def lines_shipped_notify(*, order, shipping_event, lines: list, artist) -> None:
    """Tell the buyer that an artist sent their part of the order (with the tracking note)."""
    email = order.user.email if order.user_id else order.guest_email
    if not email:
        logger.warning("Order %s: shipped, but the buyer has no email address", order.number)
        return
    message_render_enqueue(
        to=[email],
        template="order_shipped",
        context={
            "order": order,
            "lines": lines,
            "artist": artist,
            "note": shipping_event.notes,
            "buyer_name": person_name(order.user),
            "order_url": absolute_url(reverse("customer:order", args=[order.number])),
        },
        dedup_key=f"order-{order.number}-shipping-event-{shipping_event.pk}",
    )
