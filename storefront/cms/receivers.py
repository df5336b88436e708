"""Signal receivers of the CMS: a new artist page gives its artist the right to edit it."""
from django.db.models.signals import post_save


def on_artist_page_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        from storefront.cms.services import artist_cms_access_grant

        artist_cms_access_grant(artist=instance.artist)


def connect() -> None:
    from artists.models import ArtistPage

    post_save.connect(on_artist_page_saved, sender=ArtistPage, dispatch_uid="cms-artist-page-access")
