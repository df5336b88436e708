"""`manage.py evaluate_vibe_classifier`: the vibe classifier's accuracy on held-out works vs the most common vibe."""
import json

from django.core.management.base import BaseCommand, CommandError

from recommend.services import vibe_classifier_measure
from storefront.catalogue.vibe_classifier import NotEnoughExamples


class Command(BaseCommand):
    help = ("Train the vibe classifier on a stratified part of the labelled works and measure its accuracy "
            "on the rest (image and text, image only) against always guessing the most common "
            "vibe. Publishes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--test-share", type=float, default=0.25, help="Share of works held out (0.25).")
        parser.add_argument("--seed", type=int, default=0, help="Seed of the first split (0).")
        parser.add_argument("--splits", type=int, default=1,
                            help="Measure on this many splits (seeds seed, seed+1, ...) and give the mean, lowest "
                                 "and highest: steadier figures on a small catalogue (1).")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")

    def handle(self, *args, test_share, seed, splits, **options):
        if not 0 < test_share < 1:
            raise CommandError("--test-share is a share between 0 and 1, e.g. 0.25.")
        if splits < 1:
            raise CommandError("--splits must be at least 1.")
        try:
            runs = [vibe_classifier_measure(test_share=test_share, seed=seed + i) for i in range(splits)]
        except NotEnoughExamples as exc:
            raise CommandError(f"Nothing to measure: {exc}.") from exc
        if options["json"]:
            self.stdout.write(json.dumps([run.as_dict() for run in runs], sort_keys=True))
            return
        first = runs[0]
        seeds = f"seed {seed}" if splits == 1 else f"{splits} splits, seeds {seed}–{seed + splits - 1}"
        self.stdout.write(f"Vibe classifier, {first.n_train} works to learn from, {first.n_test} held out "
                          f"({first.n_vibes} vibes, split stratified, {seeds}):")
        for label, name in (("image colours + title/description", "accuracy"),
                            ("image colours only", "accuracy_image_only"),
                            ("always the most common vibe", "baseline_accuracy")):
            values = [getattr(run, name) for run in runs]
            spread = f" (lowest {min(values):.1%}, highest {max(values):.1%})" if splits > 1 else ""
            self.stdout.write(f"  {label:<34} {sum(values) / len(values):.1%}{spread}")
