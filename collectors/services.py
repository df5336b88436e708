"""Writes of favourites and follows, and the mail they cause.

- `favourite_add` / `favourite_remove`, `follow_add` / `follow_remove`: the buyer's hearts and follows.
- `favourite_changes_notify`: a favourite work that is for sale again, or cheaper than the buyer
  was last told, mails them once per change (the favourite's `seen_*` move in the same
  transaction as the outbox row, under a conditional UPDATE, so two workers mail once).
- `follow_digest_send`: one email a day at most per follower with the new works of the artists
  they follow; each work listed once (DigestedWork), with a signed unsubscribe link.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from artiqo.core.errors import Conflict, NotFound
from artiqo.core.people import person_name
from artiqo.outbox.models import OutboxMessage
from artiqo.outbox.services import message_render_enqueue
from artists.models import Artist
from collectors.models import DigestedWork, DigestOptOut, Favourite, Follow
from storefront.catalogue.selectors import artwork_queryset

UNSUBSCRIBE_SALT = "collectors.digest-unsubscribe"
DIGEST_MAX_WORKS = 24


class AlreadyFavourite(Conflict):
    code = "already_favourite"
    default_message = "This work is already in your favourites."


class AlreadyFollowing(Conflict):
    code = "already_following"
    default_message = "You already follow this artist."


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _artwork_state(product_ids) -> dict[int, object]:
    # Price and availability as cards show them (stock less what unpaid orders hold).
    return {
        artwork.pk: artwork
        for artwork in artwork_queryset(public_only=False, with_holds=False)
        .prefetch_related(None).annotate(stockrecord_updated=F("stockrecords__date_updated"))
        .filter(pk__in=list(product_ids))
    }


# --------------------------------------------------------------------------- favourites


def favourite_add(*, user, product_id: int) -> Favourite:
    """Heart a public artwork; `AlreadyFavourite` (409) when it is hearted already."""
    artwork = _artwork_state([product_id]).get(product_id)
    if artwork is None or not artwork.is_public:
        raise NotFound("There is no such artwork.", code="artwork_not_found")
    if Favourite.objects.filter(user=user, product_id=product_id).exists():
        raise AlreadyFavourite()
    try:
        with transaction.atomic():
            return Favourite.objects.create(
                user=user, product_id=product_id, seen_price=artwork.price, seen_available=artwork.is_available,
            )
    except IntegrityError:
        # Two clicks raced: the other one saved it.
        raise AlreadyFavourite() from None


def favourite_remove(*, user, product_id: int) -> None:
    """Un-heart a work; `NotFound` when it is not among the buyer's favourites."""
    deleted, _ = Favourite.objects.filter(user=user, product_id=product_id).delete()
    if not deleted:
        raise NotFound("This work is not in your favourites.", code="favourite_not_found")


@dataclass(frozen=True)
class _Change:
    kind: str  # "back_in_stock" or "price_drop"
    dedup: str


def _change_of(favourite: Favourite, artwork) -> _Change | None:
    price = artwork.price
    stamp = artwork.stockrecord_updated.isoformat() if artwork.stockrecord_updated else "none"
    if artwork.is_public and artwork.is_available and not favourite.seen_available:
        return _Change("back_in_stock", f"favourite-{favourite.pk}-back-{stamp}")
    if (artwork.is_public and artwork.is_available and price is not None and favourite.seen_price is not None
            and Decimal(price) < favourite.seen_price):
        return _Change("price_drop", f"favourite-{favourite.pk}-price-{price}-{stamp}")
    return None


def favourite_changes_notify(*, product_ids=None) -> int:
    """Mail each buyer whose favourite came back in stock or dropped in price; the number mailed.

    Every favourite's `seen_*` follows the work (a sale sets `seen_available` false, a price
    rise raises `seen_price`), so the next change is told and an old one never twice.
    A constant number of queries for the favourites read, then a few per email.
    """
    favourites = Favourite.objects.select_related("user").order_by("pk")
    if product_ids is not None:
        favourites = favourites.filter(product_id__in=list(product_ids))
    favourites = list(favourites)
    states = _artwork_state({favourite.product_id for favourite in favourites})
    mailed = 0
    for favourite in favourites:
        artwork = states.get(favourite.product_id)
        if artwork is None:
            continue
        available = bool(artwork.is_public and artwork.is_available)
        change = _change_of(favourite, artwork)
        if change is None:
            # Nothing to tell (sold, dearer, or cheaper while not for sale): follow the work silently.
            price = artwork.price if artwork.price is not None else favourite.seen_price
            if (favourite.seen_available, favourite.seen_price) != (available, price):
                Favourite.objects.filter(pk=favourite.pk).update(seen_available=available, seen_price=price)
            continue
        with transaction.atomic():
            # Only the worker that moves `seen_*` from what it read mails.
            moved = Favourite.objects.filter(
                pk=favourite.pk, seen_available=favourite.seen_available, seen_price=favourite.seen_price,
            ).update(seen_available=True, seen_price=artwork.price)
            if not moved:
                continue
            message_render_enqueue(
                to=favourite.user.email, template=f"favourite_{change.kind}",
                context={"buyer_name": person_name(favourite.user), "artwork": artwork,
                         "old_price": favourite.seen_price, "price": artwork.price,
                         "currency": artwork.price_currency,
                         "artwork_url": _site_url(artwork.get_absolute_url()),
                         "favourites_url": _site_url(reverse("collectors:favourites"))},
                dedup_key=change.dedup,
            )
            mailed += 1
    return mailed


# --------------------------------------------------------------------------- follows


def follow_add(*, user, artist_id: int) -> Follow:
    """Follow an artist; `AlreadyFollowing` (409) when followed already."""
    if not Artist.objects.filter(pk=artist_id).exists():
        raise NotFound("There is no such artist.", code="artist_not_found")
    if Follow.objects.filter(user=user, artist_id=artist_id).exists():
        raise AlreadyFollowing()
    try:
        with transaction.atomic():
            follow = Follow.objects.create(user=user, artist_id=artist_id)
    except IntegrityError:
        raise AlreadyFollowing() from None
    # Following again after unsubscribing from the digest asks for it anew.
    DigestOptOut.objects.filter(user=user).delete()
    return follow


def follow_remove(*, user, artist_id: int) -> None:
    deleted, _ = Follow.objects.filter(user=user, artist_id=artist_id).delete()
    if not deleted:
        raise NotFound("You do not follow this artist.", code="follow_not_found")


def digest_unsubscribe_token(*, user) -> str:
    """The signed token of the digest's unsubscribe link (works without signing in; never expires)."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def digest_unsubscribe(*, token: str):
    """Stop the follower digest for the token's user; NotFound for a forged or broken token."""
    from django.contrib.auth import get_user_model

    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise NotFound("This unsubscribe link is not valid.", code="bad_unsubscribe_link") from None
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise NotFound("This unsubscribe link is not valid.", code="bad_unsubscribe_link")
    DigestOptOut.objects.get_or_create(user=user)
    return user


def _digest_candidates(*, now: datetime) -> dict[int, list]:
    """{user id: [(follow, artwork)…]}: for sale, listed after the follow began, never digested to them."""
    follows = list(
        Follow.objects.filter(user__is_active=True)
        .exclude(user__digest_opt_out__isnull=False)
        .select_related("user", "artist")
    )
    if not follows:
        return {}
    artist_ids = {follow.artist_id for follow in follows}
    oldest = min(follow.date_created for follow in follows)
    works = list(
        artwork_queryset(with_holds=False)
        .filter(artist_id__in=artist_ids, date_created__gte=oldest, date_created__lte=now, is_available=True)
        .order_by("-date_created", "-pk")
    )
    by_artist = defaultdict(list)
    for work in works:
        by_artist[work.artist_id].append(work)
    told = set(
        DigestedWork.objects.filter(user_id__in={follow.user_id for follow in follows},
                                    product_id__in=[work.pk for work in works])
        .values_list("user_id", "product_id")
    )
    candidates: dict[int, list] = defaultdict(list)
    for follow in follows:
        for work in by_artist.get(follow.artist_id, ()):
            if work.date_created >= follow.date_created and (follow.user_id, work.pk) not in told:
                candidates[follow.user_id].append((follow, work))
    return candidates


def follow_digest_send(*, now: datetime | None = None) -> int:
    """Queue today's digest for every follower with new works; the number of digests queued.

    At most one a day per follower (the outbox's dedup key carries the date), each work
    in one digest only (DigestedWork, unique per follower and work, written with the mail).
    """
    now = now or timezone.now()
    day = timezone.localdate(now).isoformat()
    sent = 0
    for user_id, pairs in _digest_candidates(now=now).items():
        user = pairs[0][0].user
        works = [work for _, work in pairs][:DIGEST_MAX_WORKS]
        dedup_key = f"follow-digest-{user_id}-{day}"
        if OutboxMessage.objects.filter(dedup_key=dedup_key).exists():
            continue  # today's digest went out already: these works wait for tomorrow's
        try:
            with transaction.atomic():
                DigestedWork.objects.bulk_create([DigestedWork(user_id=user_id, product=work, date_sent=now)
                                                  for work in works])
                artists = sorted({work.artist.name for work in works})
                message_render_enqueue(
                    to=user.email, template="follow_digest",
                    context={"buyer_name": person_name(user), "works": [
                        {"title": work.title, "artist": work.artist.name, "price": work.price,
                         "currency": work.price_currency, "url": _site_url(work.get_absolute_url())}
                        for work in works],
                        "artists": artists,
                        "following_url": _site_url(reverse("collectors:following")),
                        "unsubscribe_url": _site_url(reverse("collectors:digest-unsubscribe",
                                                             args=[digest_unsubscribe_token(user=user)]))},
                    dedup_key=dedup_key,
                )
        except IntegrityError:
            continue  # another run listed some of these works meanwhile: that run mails them
        sent += 1
    return sent
