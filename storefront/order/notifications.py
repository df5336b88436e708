"""Order emails, through the durable outbox: the buyer's confirmation, artists' sale notices.

Payment trouble (a failed or refunded payment) is told by storefront.payment.notifications.

Each is queued inside the transaction that records the change it reports (so it exists
exactly when the change does) with a dedup key, so a repeated call (a webhook delivered
twice, a retried job) never mails twice.
"""
from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from oscar.core.loading import get_model

from artiqo.outbox.services import message_render_enqueue

Order = get_model("order", "Order")


def site_url(path: str) -> str:
    """`path` on the shop's address (SITE_URL), for links in emails."""
    return settings.SITE_URL.rstrip("/") + path


def order_page_url(order) -> str:
    """The buyer's page of `order`, as an absolute link for emails."""
    return site_url(reverse("customer:order", kwargs={"order_number": order.number}))


def order_paid_notices_send(*, order_id: int) -> None:
    """The buyer's confirmation, and to each artist a sale notice listing only their lines."""
    order = (
        Order.objects.select_related("user", "shipping_address", "shipping_address__country")
        .prefetch_related("lines__product__artist__user")
        .get(pk=order_id)
    )
    lines = list(order.lines.all())
    if order.user and order.user.email:
        message_render_enqueue(
            to=order.user.email, template="order_confirmation",
            context={"order": order, "lines": lines, "order_url": order_page_url(order)},
            dedup_key=f"order-{order.number}-confirmation",
        )
    by_artist: dict[int, tuple] = {}
    for line in lines:
        artist = line.product.artist if line.product else None
        if artist is not None:
            by_artist.setdefault(artist.pk, (artist, []))[1].append(line)
    for artist, artist_lines in by_artist.values():
        message_render_enqueue(
            to=artist.user.email, template="order_sale_notice",
            context={"order": order, "artist": artist, "lines": artist_lines,
                     "collect": order.shipping_code == "collect"},
            dedup_key=f"order-{order.number}-sale-notice-artist-{artist.pk}",
        )
