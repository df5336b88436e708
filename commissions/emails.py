"""Mail of special orders, queued through the durable outbox in the caller's transaction."""
from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse

from artiqo.core.links import absolute_url
from artiqo.core.people import person_name
from artiqo.outbox.services import message_render_enqueue
from commissions.models import SpecialOrder, SpecialOrderEvent

logger = logging.getLogger(__name__)

ARTIST, BUYER = "artist", "buyer"


def special_order_path(special_order: SpecialOrder, *, role: str) -> str:
    """Where each side answers: the studio for the artist, the buyer's own page for the buyer."""
    if role == ARTIST:
        return reverse("studio:special-order", args=[special_order.pk])
    return reverse("special_orders:detail", args=[special_order.pk])


def special_order_event_notify(*, special_order: SpecialOrder, event: SpecialOrderEvent, recipient_role: str) -> None:
    """Tell the other side about this step (HTML and text), once per event."""
    recipient = special_order.artist.user if recipient_role == ARTIST else special_order.buyer
    if not recipient.email:
        logger.warning("Special order %s: the %s has no email address", special_order.pk, recipient_role)
        return
    references = [
        {"url": absolute_url(ref.image.url), "thumbnail_url": absolute_url(ref.thumbnail.url)}
        for ref in special_order.references.all()
    ]
    message_render_enqueue(
        to=[recipient.email],
        template="special_order",
        context={
            "special_order": special_order,
            "event": event,
            "actor_name": event.actor_name or settings.OSCAR_SHOP_NAME,
            "recipient_role": recipient_role,
            "recipient_name": special_order.artist.name if recipient_role == ARTIST else person_name(recipient),
            "buyer_name": person_name(special_order.buyer),
            "artist_name": special_order.artist.name,
            "action_url": absolute_url(special_order_path(special_order, role=recipient_role)),
            "references": references,
            "history": list(special_order.events.select_related("actor")),
        },
        dedup_key=f"special-order-{special_order.pk}-event-{event.pk}",
    )
