"""Writes of commission capacity and the waitlist: join, leave, invite the next buyer when a slot frees.

Every write locks the artist's row first, so two buyers taking the last slot, or two slots
freeing at once, are decided one after the other: a slot is never given twice and an
invitation never skips the line.
"""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from artiqo.core.links import absolute_url
from artiqo.core.people import person_name
from artiqo.outbox.services import message_render_enqueue
from artists.exceptions import Conflict, NotFound
from artists.models import Artist
from commissions.models import WAITLIST_OPEN, WaitlistEntry, WaitlistStatus
from commissions.selectors import commission_availability

WAITLIST_INVITE_DAYS = 7
MAX_SLOTS = 100


def _artist_locked(artist: Artist) -> Artist:
    return Artist.objects.select_for_update().select_related("user").get(pk=artist.pk)


def _invite(entry: WaitlistEntry, now) -> None:
    entry.status, entry.invited_at = WaitlistStatus.INVITED, now
    entry.invite_expires_at = now + datetime.timedelta(days=WAITLIST_INVITE_DAYS)
    entry.save(update_fields=["status", "invited_at", "invite_expires_at"])
    if not entry.buyer.email:
        return
    message_render_enqueue(
        to=[entry.buyer.email], template="waitlist_invitation",
        context={"entry": entry, "buyer_name": person_name(entry.buyer), "artist_name": entry.artist.name,
                 "days": WAITLIST_INVITE_DAYS,
                 "request_url": absolute_url(reverse("special_orders:new", args=[entry.artist.slug]))},
        dedup_key=f"waitlist-{entry.pk}-invited",
    )


def _advance_locked(artist: Artist) -> list[WaitlistEntry]:
    """Under the artist's lock: lapse old invitations, then invite buyers in line while slots are free."""
    now = timezone.now()
    WaitlistEntry.objects.filter(artist=artist, status=WaitlistStatus.INVITED, invite_expires_at__lte=now).update(
        status=WaitlistStatus.EXPIRED, closed_at=now)
    invited = []
    availability = commission_availability(artist=artist)
    free = availability.free if availability.slots is not None else availability.waiting
    if not artist.accepts_commissions:
        return invited
    for entry in (WaitlistEntry.objects.filter(artist=artist, status=WaitlistStatus.WAITING)
                  .select_related("buyer", "artist").order_by("created_at", "pk")[:free]):
        _invite(entry, now)
        invited.append(entry)
    return invited


def waitlist_advance(*, artist: Artist) -> list[WaitlistEntry]:
    """Invite the next buyers in line for the slots free now (after a special order ends, or an invitation lapses)."""
    with transaction.atomic():
        return _advance_locked(_artist_locked(artist))


def waitlists_advance() -> int:
    """For cron (`manage.py waitlist_advance`): lapse invitations past their 7 days and invite the next buyers."""
    artist_ids = WaitlistEntry.objects.filter(status__in=WAITLIST_OPEN).values_list("artist_id", flat=True).distinct()
    return sum(len(waitlist_advance(artist=artist)) for artist in Artist.objects.filter(pk__in=list(artist_ids)))


def commission_slots_set(*, artist: Artist, slots: int | None) -> Artist:
    """How many special orders the artist takes at once (None: no limit); more room invites buyers in line."""
    if slots is not None and not (1 <= int(slots) <= MAX_SLOTS):
        raise ValidationError({"slots": [f"Take between 1 and {MAX_SLOTS} at once, or leave it empty for no limit."]})
    with transaction.atomic():
        locked = _artist_locked(artist)
        locked.commission_slots = slots
        locked.save(update_fields=["commission_slots"])
        _advance_locked(locked)
    artist.commission_slots = slots
    return locked


def waitlist_join(*, buyer, artist: Artist, brief: str) -> WaitlistEntry:
    """The buyer gets in line for the artist's next free slot, with a brief of what they would like."""
    brief = (brief or "").strip()
    if not artist.accepts_commissions:
        raise NotFound(f"{artist.name} does not take special orders at the moment.")
    if artist.user_id == buyer.pk:
        raise ValidationError("You cannot join your own waitlist.")
    if not brief:
        raise ValidationError({"brief": ["Tell the artist in a few lines what you would like."]})
    with transaction.atomic():
        locked = _artist_locked(artist)
        _advance_locked(locked)
        if WaitlistEntry.objects.filter(artist=locked, buyer=buyer, status__in=WAITLIST_OPEN).exists():
            raise Conflict("You are already on this artist's waitlist.", code="already_waiting")
        availability = commission_availability(artist=locked)
        if not availability.is_full:
            raise Conflict(f"{artist.name} has a free slot: send your request now.", code="commissions_open")
        return WaitlistEntry.objects.create(artist=locked, buyer=buyer, brief=brief[:4000])


def waitlist_leave(*, buyer, artist: Artist) -> WaitlistEntry:
    """The buyer leaves the line (or gives up their invitation: the next buyer is invited)."""
    with transaction.atomic():
        locked = _artist_locked(artist)
        entry = WaitlistEntry.objects.select_for_update().filter(artist=locked, buyer=buyer,
                                                                 status__in=WAITLIST_OPEN).first()
        if entry is None:
            raise NotFound("You are not on this artist's waitlist.")
        entry.status, entry.closed_at = WaitlistStatus.LEFT, timezone.now()
        entry.save(update_fields=["status", "closed_at"])
        _advance_locked(locked)
    return entry


def commission_slot_claim(*, buyer, artist: Artist) -> WaitlistEntry | None:
    """Inside special_order_create's transaction: may this buyer send a request now? Uses their invitation.

    Refuses (Conflict `commissions_full`) when every slot is taken and the buyer holds no live invitation.
    """
    locked = _artist_locked(artist)
    _advance_locked(locked)
    now = timezone.now()
    invitation = WaitlistEntry.objects.select_for_update().filter(
        artist=locked, buyer=buyer, status=WaitlistStatus.INVITED, invite_expires_at__gt=now).first()
    if invitation is not None:
        invitation.status, invitation.closed_at = WaitlistStatus.USED, now
        invitation.save(update_fields=["status", "closed_at"])
        return invitation
    if commission_availability(artist=locked).is_full:
        raise Conflict(f"{artist.name} takes no more special orders at the moment: join the waitlist and you "
                       "will be invited when a slot frees.", code="commissions_full")
    return None


def waitlist_slot_freed(*, artist: Artist) -> None:
    """Inside a special order step's transaction that ended one (delivered, declined, cancelled): invite the next."""
    _advance_locked(_artist_locked(artist))
