"""Writes to the art catalogue: list a new artwork with its stock record and images; settle stale holds.

Whether an artist may list one more work for sale is decided above the catalogue (billing's
plan limits): such rules register a *listing guard* from their AppConfig.ready(), called
with `artist=` inside the transaction that lists the work; it raises ValidationError to refuse.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from oscar.core.loading import get_model

from storefront.catalogue.images import (
    PreparedImage,
    image_prepare,
    stored_file_register,
    stored_files_guard,
)
from storefront.catalogue.models import ArtworkKind

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

ARTWORK_CLASS_NAME = "Artwork"

ListingGuard = Callable[..., None]
_listing_guards: dict[str, ListingGuard] = {}


def listing_guard_register(*, name: str, guard: ListingGuard) -> None:
    """Add (or replace, by name) a guard: `guard(artist=...)` raises ValidationError to refuse a listing."""
    _listing_guards[name] = guard


def listing_guards_check(*, artist) -> None:
    """Run every guard for one more work for sale by `artist` (inside the listing's transaction)."""
    for guard in _listing_guards.values():
        guard(artist=artist)


def artwork_holds_settle(*, artwork, reload):
    """An artwork about to be shown: is it sold, or only reserved by someone's unpaid order?

    A work with nothing free gets its lapsed holds released (it is for sale again: it is
    read anew with `reload()`), and `reserved_until` says until when a live hold keeps it
    (None: for sale, or sold). Only a lapsed hold costs queries here: the rest is read from
    the `held_until` that artwork_queryset annotates.
    """
    from storefront.order.holds import product_holds_settle

    until = None
    if not artwork.is_available and getattr(artwork, "held_until", None) is not None:
        if artwork.held_until > timezone.now():
            until = artwork.held_until
        else:
            released, until = product_holds_settle(product_id=artwork.pk)
            if released:
                artwork = reload()
    artwork.reserved_until = until
    return artwork


def artwork_product_class():
    """The single Oscar product class of artworks: shipped, stock tracked."""
    product_class, _ = ProductClass.objects.get_or_create(
        slug="artwork", defaults={"name": ARTWORK_CLASS_NAME, "requires_shipping": True, "track_stock": True}
    )
    return product_class


def artwork_create(
    *,
    artist,
    title: str,
    price: Decimal,
    description: str = "",
    vibe=None,
    tags: list[str] | None = None,
    colours: list[str] | None = None,
    medium: str = "",
    style: str = "",
    width_cm: Decimal | None = None,
    height_cm: Decimal | None = None,
    year: int | None = None,
    kind: str = ArtworkKind.ORIGINAL,
    edition_size: int | None = None,
    categories=(),
    images: list[bytes] = (),
    is_public: bool = True,
    product_class=None,
    currency: str | None = None,
):
    """A new public artwork: the product, one stock record (1 for an original), images.

    Every image is checked and re-encoded before anything is written, and files written
    before a later failure are deleted again: a refused upload leaves nothing behind.
    """
    if not isinstance(price, Decimal):
        raise TypeError("price must be a Decimal")
    slug = slugify(title)[:200] or "artwork"
    prepared = [image_prepare(data=data, name=slug) for data in images]
    with stored_files_guard(), transaction.atomic():
        if is_public:
            # E.g. the artist's plan may cap how many works they have for sale (ValidationError if reached).
            listing_guards_check(artist=artist)
        stock = 1 if kind == ArtworkKind.ORIGINAL else int(edition_size or 0)
        product = Product.objects.create(
            product_class=product_class or artwork_product_class(),
            structure=Product.STANDALONE,
            title=title,
            slug=slug,
            description=description,
            artist=artist,
            vibe=vibe,
            colours=list(colours or []),
            medium=medium,
            style=style,
            width_cm=width_cm,
            height_cm=height_cm,
            year=year,
            kind=kind,
            edition_size=edition_size if kind == ArtworkKind.EDITION else None,
            is_public=is_public,
        )
        if tags:
            product.tags.set(tags)
        for category in categories:
            ProductCategory.objects.create(product=product, category=category)
        StockRecord.objects.create(
            product=product,
            partner=artist.partner,
            partner_sku=f"ART-{product.pk}",
            price=price,
            price_currency=currency or settings.OSCAR_DEFAULT_CURRENCY,
            num_in_stock=stock,
            num_allocated=0,
        )
        for order, image in enumerate(prepared):
            artwork_image_attach(product=product, prepared=image, display_order=order)
    return product


def artwork_image_add(*, product, data: bytes, display_order: int = 0, caption: str = ""):
    """Validate, re-encode and attach one image (raises ValidationError on a bad file)."""
    prepared = image_prepare(data=data, name=product.slug)
    with stored_files_guard(), transaction.atomic():
        return artwork_image_attach(product=product, prepared=prepared, display_order=display_order,
                                    caption=caption)


def artwork_image_attach(*, product, prepared: PreparedImage, display_order: int, caption: str = ""):
    """Store an image already checked by `image_prepare` (inside the caller's files guard)."""
    image = ProductImage(product=product, display_order=display_order, caption=caption)
    image.original.save(prepared.full.name, prepared.full, save=False)
    stored_file_register(image.original)
    image.thumbnail.save(prepared.thumbnail.name, prepared.thumbnail, save=False)
    stored_file_register(image.thumbnail)
    image.save()
    return image
