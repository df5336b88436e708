"""Builders for the studio and special orders: uploads (good and hostile), special orders, paid orders."""
import datetime
import functools
import io
import struct
import zlib
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image

from commissions import services as so
from storefront.basket.services import basket_for_user
from storefront.order.services import order_mark_paid, order_place
from storefront.order.signals import order_paid
from tests.factories.orders import address_data, make_order

Order = get_model("order", "Order")

HTML_PAYLOAD = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_PAYLOAD = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
               b'<script>alert(1)</script><rect width="64" height="64" fill="red"/></svg>')


def image_bytes(fmt: str = "JPEG", size=(80, 60), colour=(200, 120, 40), exif: bool = False) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    extra = {}
    if exif:
        exif_data = Image.Exif()
        exif_data[0x010F] = "SpyCam"  # Make
        exif_data[0x0131] = "secret-software"  # Software
        extra["exif"] = exif_data.tobytes()
    image.save(buffer, format=fmt, **extra)
    return buffer.getvalue()


def upload(data: bytes, name: str = "art.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def image_upload(name: str = "art.jpg", **kwargs) -> SimpleUploadedFile:
    fmt = {"png": "PNG", "webp": "WEBP"}.get(name.rsplit(".", 1)[-1], "JPEG")
    return upload(image_bytes(fmt=fmt, **kwargs), name=name, content_type=f"image/{fmt.lower()}")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


@functools.lru_cache(maxsize=2)
def decompression_bomb_png(side: int = 14_000) -> bytes:
    """A real, decodable PNG of side×side black pixels (196 megapixels by default) in under 1 MB."""
    compressor = zlib.compressobj(1)
    rows = b"\x00" * (side + 1) * 100  # each row: filter byte + one grey byte per pixel
    idat = b"".join(compressor.compress(rows) for _ in range(side // 100)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def oversize_bytes(limit: int) -> bytes:
    """A JPEG that is one byte over `limit` (a valid image padded at the end)."""
    data = image_bytes()
    return data + b"\x00" * (limit + 1 - len(data))


def make_special_order(buyer, artist, **kwargs):
    defaults = {"title": "Our house by the fjord", "description": "A watercolour of our red house, summer light.",
                "budget": Decimal("400.00")}
    return so.special_order_create(buyer=buyer, artist=artist, **{**defaults, **kwargs})


def make_paid_order(user, *artworks):
    """An order of these works (no works: of the user's cart as it is), paid; the `order_paid`
    listeners hear it as after a real payment."""
    if artworks:
        order = make_order(user, *artworks)
    else:
        order = order_place(user=user, basket=basket_for_user(user=user), shipping_address=address_data(),
                            shipping_method_code="standard")
    assert order_mark_paid(order=order)
    order = Order.objects.get(pk=order.pk)
    order_paid.send(sender=Order, order=order)
    return order


READY_BY = timezone.localdate() + datetime.timedelta(days=30)


def special_order_walk(special_order, state: str):
    """Walk a fresh special order through the real steps up to `state`."""
    artist_user, buyer = special_order.artist.user, special_order.buyer
    path = {
        "requested": [],
        "quoted": ["quote"],
        "declined": ["decline"],
        "accepted": ["quote", "accept"],
        "paid": ["quote", "accept", "pay"],
        "in_progress": ["quote", "accept", "pay", "start"],
        "delivered": ["quote", "accept", "pay", "start", "deliver"],
        "completed": ["quote", "accept", "pay", "start", "deliver", "complete"],
        "cancelled": ["cancel"],
    }[state]
    for step in path:
        if step == "quote":
            so.special_order_quote(special_order=special_order, user=artist_user, price=Decimal("350.00"),
                                   ready_by=READY_BY, note="Watercolour on cotton paper, framed.")
        elif step == "decline":
            so.special_order_decline(special_order=special_order, user=artist_user, reason="Fully booked.")
        elif step == "accept":
            so.special_order_accept(special_order=special_order, user=buyer)
        elif step == "pay":
            make_paid_order(buyer)
        elif step == "cancel":
            so.special_order_cancel(special_order=special_order, user=buyer, reason="Changed my mind.")
        else:
            so.special_order_act(special_order=special_order, user=artist_user if step != "complete" else buyer,
                                 action=step, data={"note": f"{step} note"})
        special_order.refresh_from_db()
    assert special_order.status == state
    return special_order
