"""Signal receivers of the CMS: artists' page rights, and fresh pages after every edit.

A new artist page gives its artist the right to edit it. Publishing, unpublishing,
moving or deleting a page, changing a site or a page's view restriction (the cached
routing of storefront.cms.views), or changing the marketplace settings (how many featured
works the home page shows), bumps the catalogue's cache version (artiqo.core.cache), so
the cached parts of the pages show the edit on the next request.
"""
from django.db.models.signals import m2m_changed, post_delete, post_save


def on_artist_page_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        from storefront.cms.services import artist_cms_access_grant

        artist_cms_access_grant(artist=instance.artist)


def on_content_changed(sender=None, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    from artiqo.core.cache import CATALOGUE, cache_version_bump

    cache_version_bump(name=CATALOGUE)


def connect() -> None:
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from artists.models import ArtistPage
    from storefront.billing.models import MarketplaceSettings

    post_save.connect(on_artist_page_saved, sender=ArtistPage, dispatch_uid="cms-artist-page-access")
    page_published.connect(on_content_changed, dispatch_uid="cms-cache-published")
    page_unpublished.connect(on_content_changed, dispatch_uid="cms-cache-unpublished")
    post_page_move.connect(on_content_changed, dispatch_uid="cms-cache-moved")
    post_delete.connect(_on_page_deleted, dispatch_uid="cms-cache-deleted")
    m2m_changed.connect(on_content_changed, sender=PageViewRestriction.groups.through,
                        dispatch_uid="cms-cache-restriction-groups")
    for model in (MarketplaceSettings, Site, PageViewRestriction):
        post_save.connect(on_content_changed, sender=model, dispatch_uid=f"cms-cache-{model._meta.label_lower}")
        post_delete.connect(on_content_changed, sender=model, dispatch_uid=f"cms-cache-{model._meta.label_lower}-del")


def _on_page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        on_content_changed()
