"""Writes about artists: create an artist account with its partner and showcase page."""
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from oscar.core.loading import get_model

from artists.models import Artist, ArtistIndexPage, ArtistPage

Partner = get_model("partner", "Partner")
User = get_user_model()


def _unique_slug(name: str) -> str:
    base = slugify(name)[:100] or "artist"
    slug, n = base, 2
    while Artist.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def artist_create(
    *,
    name: str,
    email: str,
    username: str | None = None,
    password: str | None = None,
    user=None,
    location: str = "",
    vibe=None,
    bio: str = "",
    statement: str = "",
    accepts_commissions: bool = True,
    turnaround_weeks: int | None = None,
    publish_page: bool = True,
) -> Artist:
    """An artist: their user (new or given), an Oscar partner owning their stock, a page."""
    if user is None:
        user = User.objects.create_user(username=username or email, email=email, password=password)
        first, _, last = name.partition(" ")
        user.first_name, user.last_name = first[:150], last[:150]
        user.save(update_fields=["first_name", "last_name"])
    partner = Partner.objects.create(name=name)
    partner.users.add(user)
    artist = Artist.objects.create(
        user=user,
        partner=partner,
        name=name,
        slug=_unique_slug(name),
        location=location,
        vibe=vibe,
        accepts_commissions=accepts_commissions,
        turnaround_weeks=turnaround_weeks,
    )
    index = ArtistIndexPage.objects.first()
    if index is None:
        from storefront.cms.services import site_tree_ensure

        site_tree_ensure()
        index = ArtistIndexPage.objects.get()
    page = ArtistPage(
        title=name, slug=artist.slug, artist=artist, bio=bio, statement=statement, live=publish_page, owner=user
    )
    index.add_child(instance=page)
    return artist
