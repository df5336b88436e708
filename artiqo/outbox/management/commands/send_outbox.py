"""`manage.py send_outbox [--loop]`: send the outbox's due mail once, or keep doing it."""
import time

from django.core.management.base import BaseCommand

from artiqo.outbox.services import outbox_send_due


class Command(BaseCommand):
    help = "Send queued email that is due (retries with backoff; dead after the last attempt)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep sending until interrupted.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds to wait when nothing is due.")
        parser.add_argument("--limit", type=int, default=100, help="Messages per batch.")

    def handle(self, *args, loop: bool = False, interval: float = 5.0, limit: int = 100, **options):
        while True:
            counts = outbox_send_due(limit=limit)
            if counts.total or not loop:
                self.stdout.write(f"sent {counts.sent}, retrying {counts.retrying}, dead {counts.dead}")
            if not loop:
                return
            # A full batch means more may be due right away; otherwise wait a little.
            if counts.total < limit:
                try:
                    time.sleep(interval)
                except KeyboardInterrupt:
                    return
