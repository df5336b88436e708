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
        parser.add_argument("--seed", type=int, default=0, help="Seed of the split (0).")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")

    def handle(self, *args, test_share, seed, **options):
        if not 0 < test_share < 1:
            raise CommandError("--test-share is a share between 0 and 1, e.g. 0.25.")
        try:
            figures = vibe_classifier_measure(test_share=test_share, seed=seed)
        except NotEnoughExamples as exc:
            raise CommandError(f"Nothing to measure: {exc}.") from exc
        if options["json"]:
            self.stdout.write(json.dumps(figures.as_dict(), sort_keys=True))
            return
        self.stdout.write(
            f"Vibe classifier, {figures.n_train} works to learn from, {figures.n_test} held out "
            f"({figures.n_vibes} vibes, split stratified, seed {seed}):\n"
            f"  image colours + title/description  {figures.accuracy:.1%}\n"
            f"  image colours only                 {figures.accuracy_image_only:.1%}\n"
            f"  always “{figures.baseline_vibe}” (most common)  {figures.baseline_accuracy:.1%}"
        )
