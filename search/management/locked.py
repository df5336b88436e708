"""Haystack's index commands, run while holding the index writer lock (see search.locking)."""
from django.core.management import CommandError

from search.locking import index_writer_lock

# A rebuild may wait this long for a web process finishing its write.
LOCK_WAIT_SECONDS = 120


def locked_command(base):
    """Subclass of Haystack's command `base` whose handle() holds the writer lock, then drains the queue."""

    class Command(base):
        help = f"{base.help} Holds the index writer lock, then indexes what was queued meanwhile."

        def handle(self, **options):
            self.run_locked(super().handle, **options)

        def run_locked(self, work, **options):
            from search.services import index_queue_process

            with index_writer_lock(wait=LOCK_WAIT_SECONDS) as acquired:
                if not acquired:
                    raise CommandError("Another process kept the search index writer lock; try again.")
                work(**options)
                index_queue_process()

    return Command
