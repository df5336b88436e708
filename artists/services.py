"""Writes about artists: create an artist account with its partner and showcase page; edit the showcase."""
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from oscar.core.loading import get_model
from wagtail.images import get_image_model

from artists.exceptions import NotFound
from artists.models import Artist, ArtistIndexPage, ArtistPage

Partner = get_model("partner", "Partner")
User = get_user_model()

# The artists' index page hangs below the home page, which the CMS (a floor above) owns:
# it registers how to build that page tree from its AppConfig.ready().
_site_tree_builders: list = []


def site_tree_builder_register(*, builder) -> None:
    """`builder()` makes the page tree the artists' index hangs from (called when there is no index)."""
    _site_tree_builders[:] = [builder]


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
        for build in _site_tree_builders:
            build()
        index = ArtistIndexPage.objects.get()
    page = ArtistPage(
        title=name, slug=artist.slug, artist=artist, bio=bio, statement=statement, live=publish_page, owner=user
    )
    index.add_child(instance=page)
    return artist


def artist_showcase_update(
    *,
    artist: Artist,
    user,
    bio: str,
    statement: str,
    location: str,
    accepts_commissions: bool,
    turnaround_weeks: int | None,
    portrait: bytes | None = None,
) -> ArtistPage:
    """The artist's own edit of their showcase: texts, portrait, and whether they take commissions.

    The page change is published as a Wagtail revision by the artist (a page an editor
    unpublished stays a draft); a portrait is checked and re-encoded like artwork images.
    """
    from artists.richtext import rich_text_from_plain
    from storefront.catalogue.images import image_prepare, stored_file_register, stored_files_guard

    if turnaround_weeks is not None and not 1 <= turnaround_weeks <= 104:
        raise ValidationError({"turnaround_weeks": ["Give a turnaround of 1 to 104 weeks."]})
    prepared = image_prepare(data=portrait, name=f"{artist.slug}-portrait") if portrait else None
    with stored_files_guard(), transaction.atomic():
        artist.location = location.strip()[:120]
        artist.accepts_commissions = accepts_commissions
        artist.turnaround_weeks = turnaround_weeks
        artist.save(update_fields=["location", "accepts_commissions", "turnaround_weeks"])
        page = ArtistPage.objects.filter(artist=artist).first()
        if page is None:
            raise NotFound("You have no showcase page yet; write to us and we will set it up.")
        page.bio = rich_text_from_plain(bio)
        page.statement = statement.strip()
        if prepared is not None:
            image = get_image_model()(title=f"{artist.name} (portrait)", uploaded_by_user=user)
            image.file.save(prepared.full.name, prepared.full, save=False)
            stored_file_register(image.file)
            image.save()
            page.portrait = image
        revision = page.save_revision(user=user, log_action=True)
        if page.live:
            # Artists have no CMS publishing rights; owning the page is their permission here.
            revision.publish(user=user, skip_permission_checks=True)
    return page
