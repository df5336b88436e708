"""Reads about artists: the directory and an artist with their showcase page."""
from django.db.models import Count, Q, QuerySet

from artists.models import Artist


def artist_list() -> QuerySet:
    """Artists with their page and signature vibe, and how many works they have for sale."""
    return (
        Artist.objects.select_related("vibe", "page", "page__portrait")
        .annotate(
            artwork_count=Count(
                "artworks",
                filter=Q(artworks__is_public=True, artworks__stockrecords__num_in_stock__gt=0),
                distinct=True,
            )
        )
        .order_by("name")
    )


def artist_get(*, pk: int | None = None, slug: str | None = None) -> Artist | None:
    queryset = artist_list()
    if pk is not None:
        return queryset.filter(pk=pk).first()
    return queryset.filter(slug=slug).first()
