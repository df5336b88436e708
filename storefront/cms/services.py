"""Writes to the Wagtail page tree and its rights: the fixed pages, artists editing their own page."""
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from artists.models import ArtistIndexPage
from storefront.cms.models import EditorialPage, HomePage
from storefront.cms.seed_pages import EDITORIAL_PAGES


def site_address() -> tuple[str, int]:
    """SITE_URL's host name and port, as Wagtail's Site wants them."""
    parts = urlsplit(settings.SITE_URL)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


@transaction.atomic
def site_tree_ensure() -> HomePage:
    """The home page as the default site's root, with `/artists/` below it; idempotent.

    The default site takes SITE_URL's address, so the page and object URLs Wagtail builds
    (`/api/v2/`'s detail_url and html_url, the CMS's "view live") lead to the shop.
    """
    hostname, port = site_address()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's first migration leaves a "Welcome" page on slug "home": make room.
        for page in root.get_children().filter(slug="home"):
            page.slug = f"wagtail-welcome-{page.pk}"
            page.save(update_fields=["slug"])
        home = root.add_child(instance=HomePage(title="Artiqo", slug="home", live=True))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Artiqo")
    elif (site.root_page_id, site.hostname, site.port) != (home.pk, hostname, port):
        site.root_page, site.hostname, site.port = home, hostname, port
        site.site_name = "Artiqo"
        site.save()
    if not ArtistIndexPage.objects.exists():
        home.add_child(instance=ArtistIndexPage(title="Artists", slug="artists", live=True))
    return home


@transaction.atomic
def editorial_pages_ensure() -> list[EditorialPage]:
    """/about/ and /how-it-works/ with their first content, published; existing pages are left alone.

    A page an editor moved, renamed or unpublished counts as existing (its slug under the
    home page), so seeding again never undoes an editor's work.
    """
    home = site_tree_ensure()
    made = []
    for spec in EDITORIAL_PAGES:
        if home.get_children().filter(slug=spec["slug"]).exists():
            continue
        page = EditorialPage(title=spec["title"], slug=spec["slug"], seo_title=spec["seo_title"],
                             intro=spec["intro"], body=spec["body"], show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
        made.append(page)
    return made


ARTISTS_GROUP = "Artists"
# Wagtail's owner-based right: "add" under the artists' index lets a user edit the pages
# they own there (their own ArtistPage, whose owner is their user) and no other.
ARTIST_PAGE_PERMISSIONS = ("add_page",)
ARTIST_IMAGE_PERMISSIONS = ("add_image", "choose_image")


def _permissions(model, codenames) -> list:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    return list(Permission.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                          codename__in=codenames))


@transaction.atomic
def artists_group_ensure():
    """The "Artists" Wagtail group: admin access, own-page editing under /artists/, image uploads."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.images import get_image_model
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    group, _ = Group.objects.get_or_create(name=ARTISTS_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    if not ArtistIndexPage.objects.exists():
        site_tree_ensure()
    index = ArtistIndexPage.objects.get()
    for permission in _permissions(Page, ARTIST_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)
    root_collection = Collection.get_first_root_node()
    for permission in _permissions(get_image_model(), ARTIST_IMAGE_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection,
                                                        permission=permission)
    return group


def artist_cms_access_grant(*, artist) -> None:
    """Let the artist edit their own showcase page (and only it) in the CMS; idempotent."""
    artist.user.groups.add(artists_group_ensure())
