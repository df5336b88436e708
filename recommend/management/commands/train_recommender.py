"""`manage.py train_recommender`: fit a model on the database and swap it in for serving; then the vibe classifier."""
from django.core.management.base import BaseCommand, CommandError

from recommend.services import TrainingInProgress, recommender_train, vibe_classifier_train
from storefront.catalogue.vibe_classifier import NotEnoughExamples


class Command(BaseCommand):
    help = ("Train the recommender on orders, cart and wishlist adds and views, save it as a new version "
            "under RECOMMENDER_DIR and make it current; then train the vibe classifier the studio suggests "
            "vibes with (RECOMMENDER_DIR/vibe). On failure the current models keep serving.")

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
        quiet = options["verbosity"] == 0
        if not quiet:
            self.stdout.write(self.style.SUCCESS(
                f"Recommender {result.version}: {result.n_items} works ({result.n_available} for sale), "
                f"{result.n_users} buyers, {result.n_events} events; colours analysed for "
                f"{result.colours.computed} new images ({result.colours.unreadable} unreadable); "
                f"read {result.read_seconds:.1f} s, model selection {result.selection_seconds:.1f} s, "
                f"fit {result.fit_seconds:.1f} s."
            ))
            self.stdout.write(f"Serving {result.chosen}: {result.reason}.")
        self._train_vibe_classifier(quiet=quiet)

    def _train_vibe_classifier(self, *, quiet: bool) -> None:
        try:
            vibe = vibe_classifier_train()
        except NotEnoughExamples as exc:
            # A young shop: the studio suggests colours only until there is something to learn from.
            if not quiet:
                self.stdout.write(f"Vibe classifier not trained: {exc}.")
            return
        except Exception as exc:
            raise CommandError(
                f"The recommender is serving, but the vibe classifier failed to train (the one in use stays). "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        if not quiet:
            self.stdout.write(self.style.SUCCESS(
                f"Vibe classifier {vibe.version}: {vibe.n_examples} labelled works in {vibe.n_vibes} vibes, "
                f"{vibe.seconds:.1f} s."
            ))
