"""Writes to the Wagtail page tree: make sure the site's fixed pages exist."""
from django.db import transaction
from wagtail.models import Page, Site

from artists.models import ArtistIndexPage
from storefront.cms.models import HomePage


@transaction.atomic
def site_tree_ensure(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """The home page as the default site's root, with `/artists/` below it; idempotent."""
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
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Artiqo"
        site.save()
    if not ArtistIndexPage.objects.exists():
        home.add_child(instance=ArtistIndexPage(title="Artists", slug="artists", live=True))
    return home
