"""Reads about artists: the directory, one artist, the artist of a user, applications to become one."""
from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from artists.models import Artist, ArtistApplication, ArtistPage, Certificate


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


# --- Certificates of authenticity -------------------------------------------------------------

def certificate_get_valid(*, code: str):
    """The valid certificate with this code (for the public verify page), or None if unknown or revoked."""
    if not code or len(code) > 43:
        return None
    return (Certificate.objects.select_related("artwork", "artist", "artist__page")
            .filter(code=code, revoked_at__isnull=True).first())


def certificate_get_for_user(*, user, code: str):
    """A valid certificate its buyer, its artist or staff may download, or None (the same for anyone else)."""
    if not getattr(user, "is_authenticated", False) or not code or len(code) > 43:
        return None
    queryset = Certificate.objects.select_related("artwork", "artist", "line__order").filter(
        code=code, revoked_at__isnull=True)
    if not user.is_staff:
        queryset = queryset.filter(Q(line__order__user=user) | Q(artist__user=user))
    return queryset.first()


def certificates_for_lines(*, line_ids) -> dict[int, list]:
    """The valid certificates of these order lines, by line id, in edition order (one query)."""
    by_line: dict[int, list] = {}
    for certificate in Certificate.objects.filter(line_id__in=list(line_ids), revoked_at__isnull=True) \
            .order_by("line_id", "unit"):
        by_line.setdefault(certificate.line_id, []).append(certificate)
    return by_line


def certificate_list_for_artist(*, artist) -> QuerySet:
    """Every certificate of the artist's sold works, newest first (revoked ones too, marked so)."""
    return (Certificate.objects.filter(artist=artist).select_related("line__order", "artwork")
            .order_by("-sold_at", "-pk"))
