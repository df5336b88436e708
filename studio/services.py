"""Writes of the studio: list, edit, withdraw and illustrate one's own art; ship one's order lines."""
from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from artists.exceptions import Conflict, NotFound
from commissions.models import SpecialOrder
from storefront.catalogue.images import stored_files_guard
from storefront.catalogue.models import ArtworkKind
from storefront.catalogue.services import artwork_create, artwork_image_add, listing_guards_check
from studio.emails import lines_shipped_notify

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
BasketLine = get_model("basket", "Line")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventType = get_model("order", "ShippingEventType")
ShippingEventQuantity = get_model("order", "ShippingEventQuantity")

# What an artist may change on a listed work (kind is fixed once listed: buyers chose it).
EDITABLE_FIELDS = ("title", "description", "vibe", "colours", "medium", "style", "width_cm", "height_cm", "year")
MAX_IMAGES = 10
MAX_EDITION_SIZE = 10_000


def _own(*, artist, artwork) -> None:
    # Checked on every write, not only in the views: the service is the last gate.
    if artwork.artist_id != artist.pk or _is_commission(artwork):
        raise NotFound("You have no such artwork.")


def _is_commission(artwork) -> bool:
    return SpecialOrder.objects.filter(artwork_id=artwork.pk).exists()


def _edition_size_check(*, kind: str, edition_size: int | None) -> int | None:
    if kind != ArtworkKind.EDITION:
        return None
    if edition_size is None or not 1 <= edition_size <= MAX_EDITION_SIZE:
        raise ValidationError({"edition_size": [f"An edition has 1 to {MAX_EDITION_SIZE} prints."]})
    return edition_size


def _price_check(price: Decimal) -> None:
    if not isinstance(price, Decimal):
        raise TypeError("price must be a Decimal")
    if price <= 0 or price.as_tuple().exponent < -2:
        raise ValidationError({"price": ["Enter a price above zero, with at most two decimals."]})


def studio_artwork_create(*, artist, title: str, price: Decimal, images: list[bytes], kind: str = ArtworkKind.ORIGINAL,
                          edition_size: int | None = None, tags: list[str] | None = None, category=None, **fields):
    """List a new work for sale (at least one image); it is in the shop, its category and search at once."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown artwork fields: {sorted(unknown)}")
    _price_check(price)
    if not images:
        raise ValidationError({"images": ["Add at least one image of the work."]})
    if len(images) > MAX_IMAGES:
        raise ValidationError({"images": [f"Add at most {MAX_IMAGES} images."]})
    if kind not in ArtworkKind.values:
        raise ValidationError({"kind": ["Choose original or edition."]})
    edition_size = _edition_size_check(kind=kind, edition_size=edition_size)
    return artwork_create(artist=artist, title=title, price=price, images=images, kind=kind,
                          edition_size=edition_size, tags=tags, categories=[category] if category else (), **fields)


def studio_artwork_update(*, artist, artwork, price: Decimal | None = None, tags: list[str] | None = None,
                          edition_size: int | None = None, new_images: list[bytes] = (), category=None, **fields):
    """Change one's own work: details, tags, category, price, edition size, more images; all or nothing.

    A `category` the work is already in changes nothing (a work may sit in several); another
    one becomes its only category.
    """
    _own(artist=artist, artwork=artwork)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown artwork fields: {sorted(unknown)}")
    if price is not None:
        _price_check(price)
    with stored_files_guard(), transaction.atomic():
        for name, value in fields.items():
            setattr(artwork, name, value)
        if fields:
            artwork.save()
        if tags is not None:
            artwork.tags.set(tags)
        if category is not None and not artwork.categories.filter(pk=category.pk).exists():
            artwork.categories.set([category])
        if price is not None:
            for stockrecord in StockRecord.objects.filter(product=artwork):
                stockrecord.price = price
                stockrecord.save(update_fields=["price", "date_updated"])
        if edition_size is not None and artwork.kind == ArtworkKind.EDITION:
            _edition_resize(artwork=artwork, edition_size=_edition_size_check(kind=artwork.kind,
                                                                              edition_size=edition_size))
        for data in new_images:
            # A refused image rolls back the whole edit, and the guard deletes any files
            # the images before it wrote.
            studio_image_add(artist=artist, artwork=artwork, data=data)
    return artwork


def _edition_resize(*, artwork, edition_size: int) -> None:
    delta = edition_size - (artwork.edition_size or 0)
    if delta == 0:
        return
    try:
        with transaction.atomic():
            # Relative to what is in stock, so prints already sold stay counted; the
            # stock constraint refuses a size below what buyers already hold.
            StockRecord.objects.filter(product=artwork).update(num_in_stock=Coalesce(F("num_in_stock"), 0) + delta)
    except IntegrityError as error:
        raise ValidationError({"edition_size": ["More prints than that are already sold or reserved."]}) from error
    artwork.edition_size = edition_size
    artwork.save(update_fields=["edition_size", "date_updated"])


def studio_artwork_withdraw(*, artist, artwork):
    """Take one's work off sale (and out of open carts); it stays in the studio to restore."""
    _own(artist=artist, artwork=artwork)
    with transaction.atomic():
        artwork.is_public = False
        # save(), not update(): the search index follows the model's save signal.
        artwork.save(update_fields=["is_public", "date_updated"])
        BasketLine.objects.filter(product=artwork, basket__status=Basket.OPEN).delete()
    return artwork


def studio_artwork_restore(*, artist, artwork):
    """Put a withdrawn work on sale again (if the artist's plan has room: the catalogue's listing guards)."""
    _own(artist=artist, artwork=artwork)
    with transaction.atomic():
        listing_guards_check(artist=artist)
        artwork.is_public = True
        artwork.save(update_fields=["is_public", "date_updated"])
    return artwork


def studio_image_add(*, artist, artwork, data: bytes):
    """Add an image to one's work, after the others."""
    _own(artist=artist, artwork=artwork)
    images = ProductImage.objects.filter(product=artwork)
    if images.count() >= MAX_IMAGES:
        raise ValidationError({"images": [f"A work has at most {MAX_IMAGES} images."]})
    last = images.aggregate(last=Max("display_order"))["last"]
    return artwork_image_add(product=artwork, data=data, display_order=0 if last is None else last + 1)


def studio_image_remove(*, artist, artwork, image_id: int) -> None:
    """Remove an image of one's work (a work for sale keeps at least one); its files go after commit."""
    _own(artist=artist, artwork=artwork)
    image = ProductImage.objects.filter(product=artwork, pk=image_id).first()
    if image is None:
        raise NotFound("This work has no such image.")
    if artwork.is_public and ProductImage.objects.filter(product=artwork).count() == 1:
        raise Conflict("A work for sale needs at least one image; add another first.")
    files = [(field.storage, field.name) for field in (image.original, image.thumbnail) if field]
    with transaction.atomic():
        image.delete()
        for storage, name in files:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def order_lines_ship(*, artist, order, line_ids: list[int], note: str = "", notify: bool = True):
    """Mark some of the artist's own lines of a paid order shipped (or collected); the buyer is mailed the note.

    Records Oscar's ShippingEvent ("Shipped", the note as its notes) and the lines' status;
    once every line of the order is shipped, the order itself becomes "Shipped". Sends
    `order_lines_fulfilled`, on which the artist's payout follows.
    """
    from storefront.order import statuses
    from storefront.order.holds import order_status_move
    from storefront.order.signals import order_lines_fulfilled

    wanted = set(line_ids)
    if not wanted:
        raise ValidationError({"line_ids": ["Choose the lines you shipped."]})
    with transaction.atomic():
        # One shipment of an order at a time: the last one sees every line's status.
        locked = Order.objects.select_for_update().filter(pk=order.pk).first()
        lines = list(Line.objects.filter(order=locked, pk__in=wanted, partner_id=artist.partner_id).order_by("pk"))
        if locked is None or len(lines) != len(wanted):
            raise NotFound("You have no such order lines.")
        if locked.status not in (statuses.PAID, statuses.SHIPPED):
            raise Conflict(f"Order {locked.number} is {locked.status.lower()}; only paid orders are shipped.")
        shipped = [line.title for line in lines if line.status == statuses.SHIPPED]
        if shipped:
            raise Conflict(f"Already marked shipped: {', '.join(shipped)}.")
        event_type, _ = ShippingEventType.objects.get_or_create(name=statuses.SHIPPED)
        event = ShippingEvent.objects.create(order=locked, event_type=event_type, notes=(note or "").strip())
        for line in lines:
            ShippingEventQuantity.objects.create(event=event, line=line, quantity=line.quantity)
            line.status = statuses.SHIPPED
            line.save(update_fields=["status"])
        if not Line.objects.filter(order=locked).exclude(status=statuses.SHIPPED).exists():
            order_status_move(order=locked, from_statuses=(statuses.PAID,), to_status=statuses.SHIPPED)
        # Payouts listen (the artist is paid once all their lines are fulfilled), in this transaction.
        order_lines_fulfilled.send(sender=Line, order=locked, artist=artist, lines=lines)
        if notify:
            lines_shipped_notify(order=locked, shipping_event=event, lines=lines, artist=artist)
    return event
