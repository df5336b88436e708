"""Artwork image intake: check by content, bound the size, re-encode, make a thumbnail.

Uploads are decoded with Pillow and written out again, so no metadata (EXIF, GPS) and no
smuggled payload survives, and the stored file is always one of the accepted formats.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # ~ 8000 x 5000; larger is refused before decoding (bomb guard)
MAX_STORED_SIDE = 2000
THUMBNAIL_SIDE = 480


@dataclass(frozen=True)
class PreparedImage:
    full: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def image_prepare(*, data: bytes, name: str = "artwork") -> PreparedImage:
    """Validate an uploaded image and return its re-encoded full size and thumbnail files."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The image is {len(data) // (1024 * 1024)} MB; the limit is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
            code="too_large",
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError("This file is not a JPEG, PNG or WebP image.", code="not_an_image") from exc
    if fmt not in ACCEPTED_FORMATS:
        raise ValidationError("Only JPEG, PNG and WebP images are accepted.", code="bad_format")
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"The image is {width}×{height} pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels.",
            code="too_many_pixels",
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        raise ValidationError("The image could not be read; it may be damaged.", code="unreadable") from exc

    image.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
    full = _encode(image, quality=88)
    thumb_image = image.copy()
    thumb_image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    thumbnail = _encode(thumb_image, quality=80)
    base = "".join(c for c in name.lower() if c.isalnum() or c in "-_")[:60] or "artwork"
    return PreparedImage(
        full=ContentFile(full, name=f"{base}.jpg"),
        thumbnail=ContentFile(thumbnail, name=f"{base}-thumb.jpg"),
        width=image.width,
        height=image.height,
    )


def _encode(image: Image.Image, *, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()
