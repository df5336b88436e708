"""`manage.py send_favourite_alerts`: mail buyers whose favourite works are back in stock or cheaper.

Saving a stock record mails at once; this sweep (cron, every few minutes) also catches
changes made by bulk UPDATEs (holds placed and released, sales), once per change.
"""
from django.core.management.base import BaseCommand

from collectors.services import favourite_changes_notify


class Command(BaseCommand):
    help = "Mail buyers whose favourite works came back in stock or dropped in price (once per change)."

    def handle(self, *args, **options):
        mailed = favourite_changes_notify()
        if options["verbosity"]:
            self.stdout.write(f"{mailed} favourite alert(s) queued.")
