"""Artwork pictures at the size they are shown: narrower copies ("renditions") and the `<img>` markup
that offers them (srcset/sizes), so a phone downloads a picture its screen can show.

A rendition is a JPEG of the stored picture resized to a width, saved through the same
storage as the upload, next to it: `renditions/<width>/<the picture's name>`. It is made
the first time a page asks for it and then only looked up; each process remembers the
ones it has seen, so a page of cards costs no storage calls once warm. A picture that
cannot be read (missing file, damaged) simply gets no rendition: the markup then offers
the stored file alone, as before.
"""
from __future__ import annotations

import io
import logging
from html import escape

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from storefront.catalogue.images import THUMBNAIL_SIDE

logger = logging.getLogger(__name__)

# Cards show the thumbnail (long side 480) at about 140 CSS px on a phone and 200-250 on a
# desktop: 320 serves a 2x phone; the artwork page's picture gets 960 for a 2x phone's
# full width, the stored original (up to 2000) beyond.
CARD_WIDTH = 320
STAGE_WIDTH = 960
QUALITY = 80
# `sizes`: how wide the picture is shown, by layout (artiqo.css: .art-grid, .artwork).
CARD_SIZES = "(max-width: 520px) 40vw, 240px"
STAGE_SIZES = "(max-width: 860px) 90vw, 55vw"
_KNOWN_LIMIT = 200_000

# rendition name -> its width, or "size/<name>" -> a picture's (width, height); None: none / unreadable.
_known: dict[str, object] = {}


def _source_name(url: str) -> str | None:
    """The storage name behind a media URL (the search index stores URLs, not names)."""
    prefix = settings.MEDIA_URL
    if not url or not url.startswith(prefix):
        return None
    return url[len(prefix):]


def _make(source: str, name: str, width: int) -> int | None:
    """Write the rendition `name` of `source` at `width` (never wider than the source); its width."""
    try:
        with default_storage.open(source) as handle, Image.open(handle) as image:
            image.load()
            if image.width <= width:
                return None  # the source itself is the right file
            height = round(image.height * width / image.width)
            resized = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        logger.warning("No rendition of %s: it cannot be read", source)
        return None
    buffer = io.BytesIO()
    resized.save(buffer, format="JPEG", quality=QUALITY, optimize=True, progressive=True)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(buffer.getvalue()))
    return width


def rendition_url(source: str | None, width: int) -> str | None:
    """The URL of `source` (a storage name) resized to `width`, made on first use; None when there is none."""
    if not source:
        return None
    name = f"renditions/{width}/{source}"
    key = _key(name)
    if key not in _known:
        if len(_known) > _KNOWN_LIMIT:
            _known.clear()
        _known[key] = width if default_storage.exists(name) else _make(source, name, width)
    return default_storage.url(name) if _known[key] else None


def _key(name: str) -> str:
    # Per storage place: tests (and tools) switch MEDIA_ROOT within one process.
    return f"{getattr(default_storage, 'location', '')}|{name}"


def card_img(thumbnail_url: str, *, eager: bool = False, priority: bool = False) -> str:
    """The `<img>` of an artwork card: the thumbnail and its phone-sized rendition.

    Cards below the fold are lazy; the first ones (`eager`) load at once, and the one that
    is the page's largest picture (`priority`) is asked for before the rest. That one is
    decoded with the frame that shows it: decoded apart (`decoding="async"`), it waited for
    a later frame, behind the page's scripts, and a throttled phone painted it 0.7 s after it
    had arrived (search page, Chromium trace).
    """
    small = rendition_url(_source_name(thumbnail_url), CARD_WIDTH)
    srcset = (f' srcset="{escape(small)} {CARD_WIDTH}w, {escape(thumbnail_url)} {THUMBNAIL_SIDE}w" '
              f'sizes="{CARD_SIZES}"' if small else "")
    if priority and eager:
        return f'<img src="{escape(thumbnail_url)}"{srcset} alt="" fetchpriority="high">'
    loading = "" if eager else ' loading="lazy"'
    return f'<img src="{escape(thumbnail_url)}"{srcset} alt=""{loading} decoding="async">'


def stage_srcset(image) -> str:
    """`srcset` and `sizes` attributes for an artwork page's main picture (a ProductImage), or ""."""
    size = _original_size(image)
    if size is None:
        return ""
    width, height = size
    candidates = []
    if image.thumbnail and max(width, height) > THUMBNAIL_SIDE:
        candidates.append(f"{escape(image.thumbnail.url)} {round(width * THUMBNAIL_SIDE / max(width, height))}w")
    medium = rendition_url(image.original.name, STAGE_WIDTH) if width > STAGE_WIDTH * 1.2 else None
    if medium:
        candidates.append(f"{escape(medium)} {STAGE_WIDTH}w")
    candidates.append(f"{escape(image.original.url)} {width}w")
    if len(candidates) < 2:
        return ""
    return f' srcset="{", ".join(candidates)}" sizes="{STAGE_SIZES}"'


def _original_size(image) -> tuple[int, int] | None:
    key = _key(f"size/{image.original.name}")
    if key not in _known:
        try:
            with default_storage.open(image.original.name) as handle, Image.open(handle) as probe:
                _known[key] = probe.size
        except (OSError, UnidentifiedImageError, ValueError):
            _known[key] = None
    return _known[key]
