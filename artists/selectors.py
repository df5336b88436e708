"""Reads about artists: the directory, one artist, the artist of a user, applications to become one."""
from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from artists.models import Artist, ArtistApplication, ArtistPage


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


def artist_for_user(*, user) -> Artist | None:
    """The artist account of a signed-in user (with its showcase page), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Artist.objects.select_related("page", "page__portrait", "vibe").filter(user=user).first()


def artist_page_edit_url(*, artist) -> str | None:
    """Where the studio links an artist to edit their showcase page in the CMS (None: no page)."""
    page_id = ArtistPage.objects.filter(artist=artist).values_list("pk", flat=True).first()
    return reverse("wagtailadmin_pages:edit", args=[page_id]) if page_id else None


def artist_application_latest(*, user) -> ArtistApplication | None:
    """The user's most recent application to sell on Artiqo (pending, approved or declined), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return ArtistApplication.objects.filter(user=user).select_related("vibe").first()
