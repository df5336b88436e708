"""`manage.py cms_artist_access_sync`: let every existing artist edit their own page in the CMS.

New artists get this when their page is created; run it once for artists made before.
"""
from django.core.management.base import BaseCommand

from artists.models import Artist
from storefront.cms.services import artist_cms_access_grant


class Command(BaseCommand):
    help = "Put every artist with a showcase page in the CMS's Artists group (idempotent)."

    def handle(self, *args, **options):
        artists = Artist.objects.filter(page__isnull=False).select_related("user")
        for artist in artists:
            artist_cms_access_grant(artist=artist)
        self.stdout.write(f"{artists.count()} artists can edit their own page.")
