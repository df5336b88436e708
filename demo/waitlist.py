"""The demo's commission capacity and waitlist: one artist who takes one special order at a time, has it
(from the demo buyer), and two more buyers waiting in line with their briefs."""
from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model

from artists.models import Artist
from commissions.models import SpecialOrder, WaitlistEntry
from commissions.services import special_order_create
from commissions.waitlist import commission_slots_set, waitlist_join
from demo.plan import ARTIST_LOGIN, BUYER_LOGIN, demo_key_prefix

BRIEFS = [
    "A small painting of the harbour at night for our hallway, blues and a little gold, about 40 × 50 cm.",
    "Something calm for a bedroom wall: morning light on water, soft greens, no people.",
]


def waitlist_ensure(*, seed: int) -> int:
    """Fill the demo artist's (or the first demo artist taking commissions) one slot and line up two buyers.

    Returns how many entries it added; nothing once the artist has special orders or a waitlist.
    """
    artists = Artist.objects.filter(accepts_commissions=True) \
        .select_related("user").order_by("pk")
    artist = artists.filter(user__username=ARTIST_LOGIN[0]).first() or artists.filter(
        artworks__upc__startswith=demo_key_prefix(seed)).distinct().first()
    User = get_user_model()
    buyer = User.objects.filter(username=BUYER_LOGIN[0]).first()
    if artist is None or buyer is None or SpecialOrder.objects.filter(artist=artist).exists() \
            or WaitlistEntry.objects.filter(artist=artist).exists():
        return 0
    others = list(User.objects.filter(is_staff=False, artist__isnull=True).exclude(pk=buyer.pk)
                  .exclude(email="").order_by("pk")[:len(BRIEFS)])
    commission_slots_set(artist=artist, slots=1)
    special_order_create(buyer=buyer, artist=artist, title="Our house by the fjord",
                         description="A watercolour of our red house in summer light, seen from the water.",
                         budget=Decimal("400.00"))
    for waiting, brief in zip(others, BRIEFS, strict=False):
        waitlist_join(buyer=waiting, artist=artist, brief=brief)
    return len(others)
