"""The demo artist's payouts: a finished test-gateway payout account and paid transfers for what they shipped.

Goes through the real path (onboarding on the test gateway, which announces
`account.updated`; one transfer per order through the payout services), so the studio's
payouts page and the CMS show what a live shop shows. Dates follow the orders'.
"""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.urls import reverse
from oscar.core.loading import get_model

from artists.models import Artist
from demo.plan import ARTIST_LOGIN, demo_key_prefix
from storefront.order import statuses
from storefront.payment import sandbox
from storefront.payouts.models import ConnectedAccount, Transfer
from storefront.payouts.services import payout_onboarding_start, transfer_open, transfer_settle

Order = get_model("order", "Order")
Line = get_model("order", "Line")
# Artists ship within a couple of days of the sale; the transfer follows the shipment.
SHIPPED_AFTER = timedelta(days=2)


def payouts_ensure(*, seed: int) -> int:
    """Onboard the demo artist on the test gateway (once) and pay them for their shipped demo orders.

    Returns how many transfers were added; a second run adds none.
    """
    artist = Artist.objects.select_related("user").filter(user__username=ARTIST_LOGIN[0]).first()
    if artist is None:
        return 0
    if not ConnectedAccount.objects.filter(artist=artist, payouts_enabled=True).exists():
        back = settings.SITE_URL.rstrip("/") + reverse("payouts:index")
        link = payout_onboarding_start(artist=artist, refresh_url=back, return_url=back)
        token = link.rstrip("/").rsplit("/", 1)[-1]
        account, _ = sandbox.onboarding_account_for_link(token=token)
        sandbox.account_onboarding_complete(account_id=account.account_id)
    shipped = (Order.objects.filter(number__startswith=demo_key_prefix(seed), status__in=(statuses.SHIPPED,
                                                                                           statuses.COMPLETE),
                                    lines__partner_id=artist.partner_id)
               .exclude(payout_transfers__artist=artist).distinct().order_by("date_placed"))
    added = 0
    for order in shipped:
        with transaction.atomic():
            # The demo's shipped orders predate the studio's shipping marks: mark the artist's lines.
            Line.objects.filter(order=order, partner_id=artist.partner_id).update(status=statuses.SHIPPED)
            transfer = transfer_open(order=order, artist=artist, source="demo")
        if transfer is not None:
            added += 1
            # Sent after commit already, unless the caller holds a transaction open; idempotent either way.
            transfer_settle(transfer_id=transfer.pk, source="demo")
            when = order.date_placed + SHIPPED_AFTER
            Transfer.objects.filter(pk=transfer.pk, date_paid__isnull=False).update(date_created=when, date_paid=when)
    first_paid = Transfer.objects.filter(artist=artist).aggregate(first=Min("date_paid"))["first"]
    if first_paid is not None:
        # Onboarded before their first transfer, as the dates of the demo's history say.
        ConnectedAccount.objects.filter(artist=artist, date_onboarded__gt=first_paid).update(
            date_onboarded=first_paid - SHIPPED_AFTER)
    return added
