"""`manage.py train_recommender`: fit a model on the database and swap it in for serving."""
from django.core.management.base import BaseCommand, CommandError

from recommend.services import TrainingInProgress, recommender_train


class Command(BaseCommand):
    help = ("Train the recommender on orders, cart and wishlist adds and views, save it as a new version "
            "under RECOMMENDER_DIR and make it current. On failure the current model keeps serving.")

    def handle(self, *args, **options):
        try:
            result = recommender_train()
        except TrainingInProgress as exc:
            raise CommandError(f"Not training: {exc}.") from exc
        except Exception as exc:
            # Nothing was swapped: publishing is the last step of a successful run.
            raise CommandError(
                f"Training failed; the current model keeps serving. {type(exc).__name__}: {exc}"
            ) from exc
        if options["verbosity"] == 0:
            return
        self.stdout.write(self.style.SUCCESS(
            f"Recommender {result.version}: {result.n_items} works ({result.n_available} for sale), "
            f"{result.n_users} buyers, {result.n_events} events; colours analysed for "
            f"{result.colours.computed} new images ({result.colours.unreadable} unreadable); "
            f"read {result.read_seconds:.1f} s, model selection {result.selection_seconds:.1f} s, "
            f"fit {result.fit_seconds:.1f} s."
        ))
        self.stdout.write(f"Serving {result.chosen}: {result.reason}.")
