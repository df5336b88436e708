"""A fingerprint of the demo content in the database, to prove that a seed always builds the same shop.

It covers what a person would see (names, titles, texts, prices, vibes, picture bytes,
addresses, orders and their lines, dates) by natural keys, never by database ids, so
two databases built from one seed give the same digest.
"""
from __future__ import annotations

import hashlib

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from oscar.core.loading import get_model

from artists.models import Artist
from demo.plan import ARTIST_EMAIL_DOMAIN, BUYER_EMAIL_DOMAIN, demo_key_prefix

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
UserAddress = get_model("address", "UserAddress")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
User = get_user_model()


class _Fingerprint:
    def __init__(self):
        self._hash = hashlib.sha256()

    def add(self, section: str, rows) -> None:
        self._hash.update(f"[{section}]".encode())
        for row in rows:
            self._hash.update(repr(tuple(row)).encode())

    def file(self, name: str) -> str:
        with default_storage.open(name, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def demo_digest(*, seed: int) -> str:
    """SHA-256 over the seed's demo content (a constant number of queries, plus reading the pictures)."""
    prefix = demo_key_prefix(seed)
    fingerprint = _Fingerprint()
    fingerprint.add("artists", Artist.objects.filter(user__email__endswith=f"@{ARTIST_EMAIL_DOMAIN}")
                    .order_by("user__username")
                    .values_list("user__username", "name", "slug", "location", "vibe__slug", "accepts_commissions",
                                 "turnaround_weeks", "page__title", "page__bio", "page__statement"))
    products = Product.objects.filter(upc__startswith=prefix)
    fingerprint.add("artworks", products.order_by("upc").values_list(
        "upc", "title", "slug", "description", "artist__user__username", "vibe__slug", "medium", "style",
        "width_cm", "height_cm", "year", "kind", "edition_size", "date_created", "stockrecords__price",
        "stockrecords__price_currency", "stockrecords__num_in_stock", "stockrecords__num_allocated"))
    fingerprint.add("categories", ProductCategory.objects.filter(product__in=products)
                    .order_by("product__upc", "category__path").values_list("product__upc", "category__name"))
    fingerprint.add("tags", products.filter(tags__isnull=False).order_by("upc", "tags__name")
                    .values_list("upc", "tags__name"))
    fingerprint.add("pictures", (
        (upc, fingerprint.file(original), fingerprint.file(thumbnail))
        for upc, original, thumbnail in ProductImage.objects.filter(product__in=products)
        .order_by("product__upc").values_list("product__upc", "original", "thumbnail")
    ))
    fingerprint.add("buyers", UserAddress.objects.filter(user__email__endswith=f"@{BUYER_EMAIL_DOMAIN}")
                    .order_by("user__username").values_list(
                        "user__username", "user__email", "user__first_name", "user__last_name", "user__date_joined",
                        "line1", "line4", "state", "postcode", "country_id"))
    orders = Order.objects.filter(number__startswith=prefix)
    fingerprint.add("orders", orders.order_by("number").values_list(
        "number", "user__username", "status", "date_placed", "currency", "total_incl_tax", "shipping_incl_tax",
        "shipping_code", "shipping_address__line1", "shipping_address__postcode"))
    fingerprint.add("lines", Line.objects.filter(order__in=orders).order_by("order__number", "upc").values_list(
        "order__number", "upc", "title", "partner_name", "quantity", "unit_price_incl_tax", "line_price_incl_tax",
        "num_allocated", "allocation_cancelled"))
    return fingerprint.hexdigest()
