"""Drain the search index queue once, or keep draining it as a worker (--loop)."""
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from search.services import artwork_index_reconcile, index_queue_process


class Command(BaseCommand):
    help = ("Index the artworks queued for the search index; --loop keeps doing it every --interval seconds "
            "and compares the index with the database every --reconcile-every seconds.")

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep draining until stopped.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between drains with --loop.")
        parser.add_argument("--wait", type=float, default=30.0, help="Seconds to wait for the writer lock.")
        parser.add_argument("--reconcile", action="store_true",
                            help="First queue every artwork the index shows wrongly (sold, withdrawn, missing).")
        parser.add_argument("--reconcile-every", type=float, default=60.0,
                            help="With --loop: seconds between such comparisons (0: never).")

    def handle(self, *, loop: bool, interval: float, wait: float, reconcile: bool, reconcile_every: float, **options):
        next_reconcile = time.monotonic() if reconcile or (loop and reconcile_every) else None
        while True:
            if next_reconcile is not None and time.monotonic() >= next_reconcile:
                queued = artwork_index_reconcile()
                if queued:
                    self.stdout.write(f"reconcile: {queued} artworks queued")
                next_reconcile = time.monotonic() + reconcile_every if loop and reconcile_every else None
            run = index_queue_process(wait=wait)
            if run.indexed or run.removed or run.failed or options["verbosity"] > 1:
                self.stdout.write(f"indexed {run.indexed}, removed {run.removed}, failed {run.failed}"
                                  + (" (lock busy)" if run.locked_out else ""))
            if not loop:
                return
            # A long-lived worker must not keep a connection the database has dropped.
            close_old_connections()
            time.sleep(interval)
