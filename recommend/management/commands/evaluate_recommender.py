"""`manage.py evaluate_recommender`: offline metrics of the model against the baselines.

Without --dataset: the shop's own data, time split, model vs popularity and random.
With --dataset (movielens-100k, instacart; read from installed packages, see
recommend/datasets.py): a time split and a per-user random 80/20 split, the model as
`train_recommender` would choose it vs popularity, plain item-kNN and today's blend.
"""
from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError

from recommend.benchmarking import split_evaluate
from recommend.datasets import DATASETS, DatasetMissing, dataset_load
from recommend.offline import NothingToEvaluate, recommender_evaluate


def _cutoff(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--cutoff must be an ISO date or date-time, not {value!r}.") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = ("Train on events before a cutoff, test on each buyer's later orders, and print Recall@k, NDCG@k and "
            "catalogue coverage for the model, the popularity baseline and random picks.")

    def add_arguments(self, parser):
        parser.add_argument("--k", type=int, default=10, help="List length scored (default 10).")
        parser.add_argument("--cutoff", help="ISO date(-time, UTC if no zone); default: see --test-share.")
        parser.add_argument("--test-share", type=float, default=0.2,
                            help="Share of bought order lines after the default cutoff (default 0.2).")
        parser.add_argument("--seed", type=int, default=0, help="Seed of the random baseline and split.")
        parser.add_argument("--dataset", action="append", choices=sorted(DATASETS),
                            help="Evaluate on a public data set instead of the shop's (repeatable).")
        parser.add_argument("--split", action="append", choices=["time", "random"],
                            help="With --dataset: which splits (default both).")

    def handle(self, *args, **options):
        if options["k"] < 1:
            raise CommandError("--k must be at least 1.")
        if not 0.0 < options["test_share"] < 1.0:
            raise CommandError("--test-share must be between 0 and 1.")
        if options["dataset"]:
            self._public(options)
            return
        cutoff = _cutoff(options["cutoff"]) if options["cutoff"] else None
        try:
            report = recommender_evaluate(k=options["k"], cutoff=cutoff, test_share=options["test_share"],
                                          seed=options["seed"])
        except NothingToEvaluate as exc:
            raise CommandError(f"Nothing to evaluate: {exc}.") from exc
        k = report.k
        self.stdout.write(
            f"Cutoff {report.cutoff.isoformat()}: trained on {report.n_train_events} events; "
            f"{report.n_test_buyers} buyers ordered afterwards; {report.n_available} of {report.n_items} works "
            f"were for sale at the cutoff."
        )
        self.stdout.write(f"{'':<12}{f'Recall@{k}':>12}{f'NDCG@{k}':>12}{'Coverage':>12}")
        for name, result in report.results.items():
            self.stdout.write(f"{name:<12}{result.recall:>12.4f}{result.ndcg:>12.4f}{result.coverage:>12.4f}")
        self.stdout.write(f"selected = what training would have served at the cutoff: {report.selected_label}")
        popularity = report.results["popularity"].ndcg
        if popularity > 0:
            self.stdout.write(f"Model NDCG@{k} / popularity NDCG@{k}: {report.results['model'].ndcg / popularity:.2f}x")

    def _public(self, options):
        k = options["k"]
        self.stdout.write(f"| data set | split | test users | | NDCG@{k} | Recall@{k} | × popularity NDCG | served |")
        self.stdout.write("| --- | --- | ---: | --- | ---: | ---: | ---: | --- |")
        for name in options["dataset"]:
            try:
                data = dataset_load(name)
            except DatasetMissing as exc:
                raise CommandError(str(exc)) from exc
            for split in options["split"] or ["time", "random"]:
                report = split_evaluate(catalogue=data.catalogue, interactions=data.interactions,
                                        is_order=data.is_order, split=split, k=k, seed=options["seed"],
                                        test_share=options["test_share"])
                popularity = report.results["popularity"].ndcg
                for label, result in report.results.items():
                    ratio = f"{result.ndcg / popularity:.2f}×" if popularity > 0 else "–"
                    served = report.selection.chosen.label if label == "model" else ""
                    self.stdout.write(
                        f"| {name} | {split} | {report.n_test_users} | {label} | {result.ndcg:.4f} | "
                        f"{result.recall:.4f} | {ratio} | {served} |"
                    )
                self.stderr.write(f"{name} {split}: {report.seconds:.1f} s")
