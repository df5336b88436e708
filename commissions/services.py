"""Writes of special orders (commissions): the request, then one function per step of its lifecycle.

requested → quoted (price and date; the artist may quote again) or declined (with a
reason) → accepted by the buyer (a one-off, hidden artwork at the quoted price lands in
their cart) → paid (the normal checkout; recorded when the order is paid) → in progress →
delivered → completed. Either side may cancel before payment. Every step locks the row,
checks who may take it and from which state, records an event (who, when, note) and
queues mail to the other side, all in one transaction.
"""
from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from oscar.core.loading import get_model

from artists.exceptions import Conflict, NotFound, NotPermitted
from artists.models import Artist
from commissions.emails import ARTIST, BUYER, special_order_event_notify
from commissions.models import SpecialOrder, SpecialOrderEvent, SpecialOrderReference
from commissions.models import SpecialOrderStatus as S
from commissions.selectors import SLOT_STATUSES, special_order_paid_line, special_order_role
from commissions.signals import special_order_delivering
from commissions.waitlist import commission_slot_claim, waitlist_slot_freed
from storefront.catalogue.images import image_prepare, stored_file_register, stored_files_guard
from storefront.catalogue.models import ArtworkKind

BasketLine = get_model("basket", "Line")
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
logger = logging.getLogger(__name__)

MAX_REFERENCES = 3
# Photos of the finished work an artist attaches when delivering a special order.
MAX_DELIVERY_PHOTOS = 4
SHOP, EITHER = "shop", "either"


@dataclass(frozen=True)
class Transition:
    """A step: who may take it, from which states, to which state."""

    action: str
    by: str
    sources: tuple[str, ...]
    target: str
    verb: str  # "… cannot be <verb> now"


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("quote", ARTIST, (S.REQUESTED, S.QUOTED), S.QUOTED, "quoted"),
        Transition("decline", ARTIST, (S.REQUESTED, S.QUOTED), S.DECLINED, "declined"),
        Transition("accept", BUYER, (S.QUOTED,), S.ACCEPTED, "accepted"),
        Transition("pay", SHOP, (S.ACCEPTED,), S.PAID, "paid"),
        Transition("start", ARTIST, (S.PAID,), S.IN_PROGRESS, "started"),
        Transition("deliver", ARTIST, (S.IN_PROGRESS,), S.DELIVERED, "delivered"),
        Transition("complete", BUYER, (S.DELIVERED,), S.COMPLETED, "completed"),
        Transition("cancel", EITHER, (S.REQUESTED, S.QUOTED, S.ACCEPTED), S.CANCELLED, "cancelled"),
    )
}
# A hint for the illegal steps people actually try.
HINTS = {
    ("start", S.ACCEPTED): "The buyer has not paid yet; you will get an email when they have.",
    ("cancel", S.PAID): "It has been paid for; write to us to arrange a refund.",
    ("cancel", S.IN_PROGRESS): "It has been paid for; write to us to arrange a refund.",
}


def actions_allowed(*, special_order: SpecialOrder, role: str | None) -> list[str]:
    """The steps this side may take now (what the pages and API offer)."""
    return [
        t.action for t in TRANSITIONS.values()
        if special_order.status in t.sources and t.by in (role, EITHER) and role is not None
    ]


def _other_side(role: str | None) -> str:
    # The shop's own steps (a payment) are news for the artist.
    return BUYER if role == ARTIST else ARTIST


def _positive_money(value, field: str) -> Decimal:
    if not isinstance(value, Decimal):
        raise TypeError(f"{field} must be a Decimal")
    if value <= 0 or value.as_tuple().exponent < -2:
        raise ValidationError({field: ["Enter an amount above zero, with at most two decimals."]})
    return value


def _future_date(value, field: str, *, required: bool) -> datetime.date | None:
    if value is None:
        if required:
            raise ValidationError({field: ["This field is required."]})
        return None
    if value < timezone.localdate():
        raise ValidationError({field: ["Choose a date from today on."]})
    return value


def _images_prepare(images: list[bytes], *, field: str, most: int, noun: str) -> list:
    """Check and re-encode uploaded images before any lock is taken; errors name `field`."""
    if len(images) > most:
        raise ValidationError({field: [f"Attach at most {most} {noun}."]})
    prepared = []
    for number, data in enumerate(images, start=1):
        try:
            prepared.append(image_prepare(data=data, name=f"{field}-{number}"))
        except ValidationError as error:
            raise ValidationError({field: [f"Image {number}: {message}" for message in error.messages]}) from error
    return prepared


def special_order_create(
    *,
    buyer,
    artist: Artist,
    title: str,
    description: str,
    budget: Decimal,
    vibe=None,
    medium: str = "",
    width_cm: Decimal | None = None,
    height_cm: Decimal | None = None,
    wished_date: datetime.date | None = None,
    inspired_by=None,
    references: list[bytes] = (),
) -> SpecialOrder:
    """A buyer's request to an artist who takes commissions; the artist is mailed the whole brief."""
    if not artist.accepts_commissions:
        raise NotFound(f"{artist.name} does not take special orders at the moment.")
    if artist.user_id == buyer.pk:
        raise ValidationError("You cannot send a special order to yourself.")
    errors = {name: ["This field is required."] for name, value in (("title", title), ("description", description))
              if not (value or "").strip()}
    if errors:
        raise ValidationError(errors)
    _positive_money(budget, "budget")
    _future_date(wished_date, "wished_date", required=False)
    prepared = _images_prepare(list(references), field="references", most=MAX_REFERENCES, noun="reference images")
    with stored_files_guard(), transaction.atomic():
        # A full artist takes a request only from the buyer their waitlist invited.
        invitation = commission_slot_claim(buyer=buyer, artist=artist)
        special_order = SpecialOrder.objects.create(
            buyer=buyer, artist=artist, title=title.strip()[:120], description=description.strip(), budget=budget,
            currency=settings.OSCAR_DEFAULT_CURRENCY, vibe=vibe, medium=medium, width_cm=width_cm,
            height_cm=height_cm, wished_date=wished_date, inspired_by=inspired_by,
        )
        for position, image in enumerate(prepared):
            reference = SpecialOrderReference(special_order=special_order, position=position)
            reference.image.save(image.full.name, image.full, save=False)
            stored_file_register(reference.image)
            reference.thumbnail.save(image.thumbnail.name, image.thumbnail, save=False)
            stored_file_register(reference.thumbnail)
            reference.save()
        if invitation is not None:
            invitation.special_order = special_order
            invitation.save(update_fields=["special_order"])
        event = SpecialOrderEvent.objects.create(special_order=special_order, actor=buyer, action="request",
                                                 to_status=S.REQUESTED)
        special_order_event_notify(special_order=special_order, event=event, recipient_role=ARTIST)
    return special_order


def _step(
    *,
    special_order: SpecialOrder,
    action: str,
    user,
    note: str = "",
    apply: Callable[[SpecialOrder], None] | None = None,
) -> SpecialOrder:
    """Take one step under a row lock: check the side and the state, apply, record, mail."""
    transition = TRANSITIONS[action]
    with transaction.atomic():
        locked = (
            SpecialOrder.objects.select_for_update()
            .select_related("artist", "artist__user", "buyer", "vibe")
            .filter(pk=special_order.pk).first()
        )
        role = SHOP if user is None else (special_order_role(locked, user) if locked else None)
        if locked is None or role is None:
            raise NotFound("You have no such special order.")
        if transition.by not in (role, EITHER) or (transition.by == EITHER and role == SHOP):
            who = "buyer or the artist" if transition.by == EITHER else transition.by
            raise NotPermitted(f"Only the {who} can do this.")
        if locked.status not in transition.sources:
            hint = HINTS.get((action, locked.status), "")
            raise Conflict(f"This special order is {locked.get_status_display().lower()}; "
                           f"it cannot be {transition.verb} now. {hint}".strip(), code="illegal_transition")
        if apply is not None:
            apply(locked)
        from_status, locked.status = locked.status, transition.target
        locked.save()
        event = SpecialOrderEvent.objects.create(special_order=locked, actor=user, action=action,
                                                 from_status=from_status, to_status=transition.target, note=note)
        special_order_event_notify(special_order=locked, event=event, recipient_role=_other_side(role))
        if from_status in SLOT_STATUSES and transition.target not in SLOT_STATUSES:
            # The artist has a slot free again: the first buyer in line is invited.
            waitlist_slot_freed(artist=locked.artist)
    # The caller's instance shows the new state too.
    special_order.refresh_from_db()
    return locked


def special_order_quote(*, special_order: SpecialOrder, user, price: Decimal, ready_by: datetime.date,
                        note: str = "") -> SpecialOrder:
    """The artist's price and date (a new quote replaces one the buyer has not accepted yet)."""
    _positive_money(price, "price")
    _future_date(ready_by, "ready_by", required=True)

    def apply(locked: SpecialOrder) -> None:
        locked.quote_price, locked.quote_date, locked.quote_note = price, ready_by, note.strip()

    return _step(special_order=special_order, action="quote", user=user, note=note.strip(), apply=apply)


def special_order_decline(*, special_order: SpecialOrder, user, reason: str) -> SpecialOrder:
    if not (reason or "").strip():
        raise ValidationError({"reason": ["Tell the buyer why, in a few words."]})
    return _step(special_order=special_order, action="decline", user=user, note=reason.strip())


def _cart_add(*, special_order: SpecialOrder) -> None:
    from storefront.basket.services import basket_for_user

    basket = basket_for_user(user=special_order.buyer)
    if basket.product_quantity(special_order.artwork) == 0:
        basket.add_product(special_order.artwork, 1)


def special_order_accept(*, special_order: SpecialOrder, user) -> SpecialOrder:
    """The buyer takes the quote: a one-off original at the quoted price goes into their cart."""
    from storefront.catalogue.services import artwork_create

    def apply(locked: SpecialOrder) -> None:
        locked.artwork = artwork_create(
            artist=locked.artist,
            title=f"{locked.title} — special order #{locked.pk}",
            price=locked.quote_price,
            description=locked.description,
            vibe=locked.vibe,
            medium=locked.medium,
            width_cm=locked.width_cm,
            height_cm=locked.height_cm,
            kind=ArtworkKind.ORIGINAL,
            # Made for one buyer: never listed in the shop or in search.
            is_public=False,
            currency=locked.currency,
        )
        _cart_add(special_order=locked)

    return _step(special_order=special_order, action="accept", user=user, apply=apply)


def special_order_cart_add(*, special_order: SpecialOrder, user) -> None:
    """Put the accepted work back into the buyer's cart (after they removed it)."""
    if special_order_role(special_order, user) != BUYER:
        raise NotFound("You have no such special order.")
    special_order.refresh_from_db(fields=["status", "artwork"])
    if special_order.status != S.ACCEPTED or special_order.artwork_id is None:
        raise Conflict("Only an accepted special order that is not paid yet can go into the cart.")
    _cart_add(special_order=special_order)


def _work_withdraw(locked: SpecialOrder) -> None:
    """Before payment: take the one-off work out of the buyer's cart and off sale for good."""
    if locked.artwork_id is None:
        return
    from storefront.order.holds import order_holds_release_expired

    BasketLine.objects.filter(product_id=locked.artwork_id, basket__status=Basket.OPEN).delete()
    stockrecord_ids = list(StockRecord.objects.filter(product_id=locked.artwork_id).values_list("pk", flat=True))
    order_holds_release_expired(stockrecord_ids=stockrecord_ids)
    # One conditional update: it only succeeds while no checkout holds the work, so a
    # payment cannot slip in between the check and the change.
    not_held = Q(num_allocated__isnull=True) | Q(num_allocated=0)
    if StockRecord.objects.filter(pk__in=stockrecord_ids).filter(not_held).update(num_in_stock=0) != len(
            stockrecord_ids):
        raise Conflict("The buyer is paying for this work right now; try again once that checkout has ended.",
                       code="illegal_transition")


def special_order_cancel(*, special_order: SpecialOrder, user, reason: str = "") -> SpecialOrder:
    """Either side calls it off before payment; an accepted work leaves the cart."""
    return _step(special_order=special_order, action="cancel", user=user, note=(reason or "").strip(),
                 apply=_work_withdraw)


def _paid_check(locked: SpecialOrder) -> None:
    if special_order_paid_line(locked) is None:
        raise Conflict("No payment for this special order has been recorded.", code="illegal_transition")


def special_order_pay(*, special_order: SpecialOrder, note: str = "") -> SpecialOrder:
    """The shop records the payment (the order holding the work was paid); the artist is told."""
    return _step(special_order=special_order, action="pay", user=None, note=note, apply=_paid_check)


def special_orders_paid(*, order) -> int:
    """For a paid order: record the payment of each special order whose work it holds."""
    product_ids = list(order.lines.values_list("product_id", flat=True))
    paid = 0
    for special_order in SpecialOrder.objects.filter(artwork_id__in=product_ids, status=S.ACCEPTED):
        try:
            special_order_pay(special_order=special_order, note=f"Order {order.number}")
            paid += 1
        except Conflict:
            logger.info("Special order %s: payment already recorded", special_order.pk)
    return paid


def special_order_start(*, special_order: SpecialOrder, user, note: str = "") -> SpecialOrder:
    paid_line = special_order_paid_line(special_order) if special_order.status == S.ACCEPTED else None
    if paid_line is not None:
        # The payment notice was missed (its listener runs after commit, best effort):
        # the order says it is paid, so record that first.
        special_orders_paid(order=paid_line.order)
    return _step(special_order=special_order, action="start", user=user, note=(note or "").strip())


def special_order_deliver(*, special_order: SpecialOrder, user, note: str = "",
                          photos: list[bytes] = ()) -> SpecialOrder:
    """The artist sent the work; its order line is marked shipped with the same note.

    Photos of the finished work become the one-off artwork's images, so the buyer's order
    and special order show what was actually made.
    """
    from storefront.catalogue.services import artwork_image_attach
    from storefront.order import statuses

    prepared = _images_prepare(list(photos), field="photos", most=MAX_DELIVERY_PHOTOS, noun="photos")

    def apply(locked: SpecialOrder) -> None:
        line = special_order_paid_line(locked)
        if line is not None and line.status != statuses.SHIPPED:
            # The studio ships the line (studio.receivers), in this transaction.
            special_order_delivering.send(sender=SpecialOrder, special_order=locked, line=line, note=note)
        if locked.artwork is not None and prepared:
            last = locked.artwork.images.aggregate(last=Max("display_order"))["last"]
            first = 0 if last is None else last + 1
            for offset, image in enumerate(prepared):
                artwork_image_attach(product=locked.artwork, prepared=image, display_order=first + offset)

    with stored_files_guard():
        return _step(special_order=special_order, action="deliver", user=user, note=(note or "").strip(),
                     apply=apply)


def special_order_complete(*, special_order: SpecialOrder, user, note: str = "") -> SpecialOrder:
    return _step(special_order=special_order, action="complete", user=user, note=(note or "").strip())


def special_order_act(*, special_order: SpecialOrder, user, action: str, data: dict) -> SpecialOrder:
    """Take the step named `action` with its validated input: the pages' and the API's one entry."""
    steps = {
        "quote": lambda: special_order_quote(special_order=special_order, user=user, price=data.get("price"),
                                             ready_by=data.get("ready_by"), note=data.get("note", "")),
        "decline": lambda: special_order_decline(special_order=special_order, user=user,
                                                 reason=data.get("reason", "")),
        "accept": lambda: special_order_accept(special_order=special_order, user=user),
        "start": lambda: special_order_start(special_order=special_order, user=user, note=data.get("note", "")),
        "deliver": lambda: special_order_deliver(special_order=special_order, user=user, note=data.get("note", ""),
                                                 photos=data.get("photos", ())),
        "complete": lambda: special_order_complete(special_order=special_order, user=user,
                                                   note=data.get("note", "")),
        "cancel": lambda: special_order_cancel(special_order=special_order, user=user,
                                               reason=data.get("reason", "")),
    }
    if action not in steps:
        raise NotFound(f"There is no step “{action}”.")
    return steps[action]()
