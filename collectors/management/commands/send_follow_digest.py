"""`manage.py send_follow_digest`: each follower's digest of new works by the artists they follow.

Run it once a day (cron or a systemd timer; docs/deployment.md): a follower gets one digest
a day at most, and a work is listed to them once. Running it twice the same day sends nothing more.
"""
from django.core.management.base import BaseCommand

from collectors.services import follow_digest_send


class Command(BaseCommand):
    help = "Queue the daily digest of new works for every follower who has some (at most one a day)."

    def handle(self, *args, **options):
        sent = follow_digest_send()
        if options["verbosity"]:
            self.stdout.write(f"{sent} digest(s) queued.")
