"""`manage.py flush_artwork_views` (cron, every few minutes): the cache's artwork view counters into the database."""
from django.core.management.base import BaseCommand

from storefront.catalogue.viewcount import artwork_views_flush


class Command(BaseCommand):
    help = "Copy the artwork page view counters from the cache into ArtworkViewDay (the artists' numbers)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="How many days back to flush (default 3).")

    def handle(self, *args, **options):
        written = artwork_views_flush(days=options["days"])
        if options["verbosity"]:
            self.stdout.write(f"Flushed the view counts of {written} artwork-day(s).")
