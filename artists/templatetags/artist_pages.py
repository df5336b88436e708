"""Template tags for the artist directory and the home page: artists with portraits and a few works.

Each tag reads its list in a fixed number of queries (portraits' renditions and the
works shown are prefetched for every artist of the list at once), so these pages cost
the same whatever the number of artists and works.
"""
from __future__ import annotations

from django import template
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from wagtail.images import get_image_model

from artists.selectors import artist_list
from storefront.catalogue.forms import page_number
from storefront.catalogue.selectors import artwork_list

register = template.Library()

DIRECTORY_PAGE_SIZE = 24


def _with_portrait_renditions(artists: QuerySet) -> QuerySet:
    renditions = get_image_model().get_rendition_model().objects.all()
    return artists.prefetch_related(Prefetch("page__portrait__renditions", queryset=renditions))


@register.simple_tag
def artists_featured(artworks, limit: int = 4) -> list:
    """The artists behind `artworks` (the home page's newest works), first come first, at most `limit`.

    Picking them from works already on the page keeps the directory's per-artist
    counting to these few artists instead of ranking every artist of the shop.
    """
    ids = list(dict.fromkeys(artwork.artist_id for artwork in artworks if artwork.artist_id))[:limit]
    found = {artist.pk: artist for artist in _with_portrait_renditions(artist_list().filter(pk__in=ids))}
    return artist_previews_attach([found[pk] for pk in ids if pk in found])


@register.simple_tag
def artists_directory(artists: QuerySet, page=None, per_page: int = DIRECTORY_PAGE_SIZE):
    """One page of `artists` (a Paginator page), each with portrait renditions and a few works loaded.

    A nonsense page number gives the first page; one past the end, the last.
    """
    paginator = Paginator(artists, per_page)
    directory = paginator.get_page(page_number(page))
    directory.object_list = artist_previews_attach(list(_with_portrait_renditions(directory.object_list)))
    # For includes/pagination.html: "1 2 … 7 8 9 … 20", not every page number.
    directory.page_range = list(paginator.get_elided_page_range(directory.number, on_each_side=2, on_ends=1))
    return directory


def artist_previews_attach(artists: list, *, per_artist: int = 3) -> list:
    """Set `previews` on each artist: their newest available works (one query for all)."""
    by_artist: dict[int, list] = {artist.pk: [] for artist in artists}
    if by_artist:
        newest_first = Window(RowNumber(), partition_by=F("artist_id"),
                              order_by=[F("date_created").desc(), F("id").desc()])
        works = (
            artwork_list(available=True)
            .filter(artist_id__in=list(by_artist))
            .annotate(place=newest_first)
            .filter(place__lte=per_artist)
        )
        for work in works:
            by_artist[work.artist_id].append(work)
    for artist in artists:
        artist.previews = by_artist[artist.pk]
    return artists


@register.filter
def initials(name: str) -> str:
    """"Mira Solberg" → "MS": the portrait stand-in for an artist without a photo."""
    return "".join(word[0] for word in str(name).split()[:2]).upper()
