"""Haystack's `rebuild_index`, under the writer lock; on Artiqo's Whoosh engine, in one pass.

The one-pass rebuild writes every artwork with a single writer and swaps the new index
in at the commit, so search keeps answering from the old index meanwhile. Other engines
get Haystack's clear + update. Either way the queue is drained afterwards.
"""
from haystack.management.commands import rebuild_index

from search.management.locked import locked_command


class Command(locked_command(rebuild_index.Command)):
    def handle(self, **options):
        from search.services import artwork_index_rebuild

        def rebuild(**options):
            count = artwork_index_rebuild()
            if count is None:
                rebuild_index.Command.handle(self, **options)
            elif options["verbosity"]:
                self.stdout.write(f"Indexed {count} artworks.")

        self.run_locked(rebuild, **options)
