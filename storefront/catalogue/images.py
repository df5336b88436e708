"""Artwork image intake: check by content, bound the size, re-encode, make a thumbnail.

Uploads are decoded with Pillow and written out again, so no metadata (EXIF, GPS) and no
smuggled payload survives, and the stored file is always one of the accepted formats.
"""
from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class ImageProbe:
    format: str
    width: int
    height: int


def image_probe(*, data: bytes) -> ImageProbe:
    """Check an upload's size, type (by content) and pixel count without decoding it.

    Cheap enough for form validation; `image_prepare` runs it again and then decodes.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise _too_large(len(data))
    try:
        # Only these decoders are tried: an SVG, HTML, GIF, TIFF... named .jpg is refused
        # here, by its content, and no exotic parser ever sees the bytes.
        with Image.open(io.BytesIO(data), formats=list(ACCEPTED_FORMATS)) as probe:
            fmt = probe.format
            width, height = probe.size
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            f"The image has far too many pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels.",
            code="too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError("This file is not a JPEG, PNG or WebP image.", code="not_an_image") from exc
    if fmt not in ACCEPTED_FORMATS:
        raise ValidationError("Only JPEG, PNG and WebP images are accepted.", code="bad_format")
    if width * height > MAX_PIXELS:
        raise ValidationError(
            f"The image is {width}×{height} pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels.",
            code="too_many_pixels",
        )
    return ImageProbe(format=fmt, width=width, height=height)


def image_prepare(*, data: bytes, name: str = "artwork") -> PreparedImage:
    """Validate an uploaded image and return its re-encoded full size and thumbnail files."""
    fmt = image_probe(data=data).format
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            image.load()
            image = _flatten(ImageOps.exif_transpose(image))
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


def _flatten(image: Image.Image) -> Image.Image:
    """RGB for JPEG; transparent areas become white rather than JPEG's default black."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _too_large(size: int) -> ValidationError:
    return ValidationError(
        f"The file ({size / (1024 * 1024):.1f} MB) is over the {MAX_UPLOAD_BYTES // (1024 * 1024)} MB limit.",
        code="too_large",
    )


def upload_read(upload) -> bytes:
    """The bytes of an uploaded file, refusing an oversize one before reading it into memory."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise _too_large(size)
    upload.seek(0)
    # One byte more than the limit is enough for image_prepare to refuse a lying `size`.
    return upload.read(MAX_UPLOAD_BYTES + 1)


_written_files: ContextVar[tuple[list, ...]] = ContextVar("written_files", default=())


@contextmanager
def stored_files_guard() -> Iterator[None]:
    """Delete again the files saved inside the block if an exception leaves it.

    Files are not transactional: when a service fails after writing images, its rows roll
    back but the files would stay behind. Services wrap their transaction in this guard
    and report each file they save with `stored_file_register`; nested guards all see it.
    """
    written: list = []
    token = _written_files.set(_written_files.get() + (written,))
    try:
        yield
    except BaseException:
        for storage, name in written:
            try:
                storage.delete(name)
            except Exception:  # noqa: BLE001  (the original error matters more; log this one)
                logger.exception("Could not delete %s after a failed upload", name)
        raise
    finally:
        _written_files.reset(token)


def stored_file_register(field_file) -> None:
    """Tell the enclosing guards that `field_file` was written (deleted if they fail)."""
    for written in _written_files.get():
        written.append((field_file.storage, field_file.name))


def _encode(image: Image.Image, *, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()
