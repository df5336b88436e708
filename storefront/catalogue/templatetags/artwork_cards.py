"""The artwork card, the one piece of markup every list page repeats (browse, home, artists, CMS).

Rendered in Python rather than through an included template: a grid of 24 cards through
the template engine cost ~0.7 ms a card (some 40 variable lookups each), more than the
page's SQL. Every value that comes from the database goes through html.escape.
Needs cards from storefront.catalogue.selectors (price and availability annotated,
artist and vibe joined, images prefetched).
"""
from functools import lru_cache
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from oscar.templatetags.currency_filters import currency

from storefront.catalogue.renditions import card_img
from storefront.catalogue.renditions import stage_srcset as stage_srcset_attributes

register = template.Library()


@lru_cache(maxsize=4096)
def _price_text(price, currency_code: str | None, language: str | None) -> str:
    # Babel parses the locale and pattern on every call; prices repeat across cards and pages.
    return escape(currency(price, currency_code))


@register.filter
def price_text(value, currency_code=None):
    """Oscar's `currency` filter, formatted once per price, currency and language (_price_text)."""
    if value is None:
        return ""
    return mark_safe(_price_text(value, currency_code, get_language()))


def _picture(artwork, *, eager: bool, priority: bool) -> str:
    # `images` is prefetched in display order: the first, without a query.
    image = next(iter(artwork.images.all()), None)
    if image is None:
        return '<span class="art-placeholder" aria-hidden="true"></span>'
    return card_img(image.thumbnail_url, eager=eager, priority=priority)


def _reserved(artwork) -> bool:
    # Unavailable only because an unpaid order holds it: another buyer is paying right now.
    return not artwork.is_available and getattr(artwork, "held_until", None) is not None


def _badge(artwork) -> str:
    if _reserved(artwork):
        return '<span class="badge badge-sold">Reserved</span>'
    if not artwork.is_available:
        return f'<span class="badge badge-sold">{"Sold" if artwork.is_original else "Sold out"}</span>'
    # Featured works (editorial or paid) come first in browse; the label says why.
    featured = '<span class="badge badge-featured">Featured</span>' if getattr(artwork, "is_featured", False) else ""
    return featured + ("" if artwork.is_original else '<span class="badge badge-edition">Edition</span>')


def _meta(artwork) -> str:
    vibe = artwork.vibe
    chip = f'<span class="vibe-chip" data-vibe="{escape(vibe.slug)}">{escape(vibe.name)}</span>' if vibe else ""
    if artwork.price is None:
        return chip
    sold_note = "" if artwork.is_available or _reserved(artwork) else '<span class="visually-hidden">Sold, was </span>'
    price = _price_text(artwork.price, artwork.price_currency, get_language())
    return f'{chip}<span class="art-card-price">{sold_note}{price}</span>'


def heart_button(product_id, title: str) -> str:
    """The favourite heart of a card or an artwork page, always drawn empty.

    Cards are cached for every visitor (artiqo.core.cache), so the markup never says whose
    favourite it is: collectors/static/collectors/collect.js fills the buyer's hearts from
    the ids the page carries outside the cache, and saves a click through the API.
    """
    return (f'<button type="button" class="heart" data-favourite="{int(product_id)}" aria-pressed="false" '
            f'aria-label="Save {escape(title)} to favourites" title="Save to favourites">'
            '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 21s-7.5-4.6-9.6-9.2C.9 8.4 '
            '3 4.5 6.7 4.5c2.2 0 3.7 1.2 5.3 3 1.6-1.8 3.1-3 5.3-3 3.7 0 5.8 3.9 4.3 7.3C19.5 16.4 12 21 12 21z"/>'
            '</svg></button>')


@register.simple_tag
def favourite_heart(product_id, title=""):
    """The heart for a template (search results, recommendations, the artwork page)."""
    return mark_safe(heart_button(product_id, title))


@register.simple_tag
def card_picture(thumbnail_url, index=None, eager=0):
    """A card's picture from its thumbnail's URL (search results come from the index, not the ORM)."""
    eager_here = index is not None and index < (eager or 0)
    return mark_safe(card_img(thumbnail_url, eager=eager_here, priority=eager_here and index == 0))


@register.simple_tag
def artwork_card(artwork, index=None, eager=0):
    """One <li> card: picture on its mat, title, the heart, artist, vibe, price, and a Sold (or Reserved) badge.

    The first `eager` cards of a grid (index counted from 0) are above the fold on a phone:
    their pictures load at once, the first one first; the rest are lazy.
    """
    eager_here = index is not None and index < (eager or 0)
    artist = artwork.artist
    artist_line = (f'<p class="art-card-artist"><a href="{escape(artist.get_absolute_url())}">'
                   f'{escape(artist.name)}</a></p>' if artist else "")
    return mark_safe(
        f'<li class="art-card{"" if artwork.is_available else " is-reserved" if _reserved(artwork) else " is-sold"}'
        f'{" is-featured" if getattr(artwork, "is_featured", False) else ""}">'
        f'<a class="art-card-link" href="{escape(artwork.get_absolute_url())}">'
        f'<span class="art-frame">{_picture(artwork, eager=eager_here, priority=eager_here and index == 0)}'
        f'{_badge(artwork)}</span>'
        f'<span class="art-card-title">{escape(artwork.title)}</span></a>'
        f'{heart_button(artwork.pk, artwork.title)}{artist_line}<p class="art-card-meta">{_meta(artwork)}</p></li>'
    )


@register.simple_tag
def stage_srcset(image):
    """srcset/sizes of an artwork page's main picture: the sizes of it that exist (renditions)."""
    return mark_safe(stage_srcset_attributes(image))
