"""Recommender benchmark: training time and peak memory, serving latency, NDCG@10 against popularity.

Runs on the demo marketplace (`manage.py load_demo_data`, built here first when the
database has fewer artworks than asked), then:

1. trains with `manage.py train_recommender` in a child process and reports its wall
   time and peak resident memory (getrusage of the child), plus the tracemalloc peak of
   reading + fitting in this process;
2. times serving in-process: `recommendations_for_user` for signed-in buyers and for a
   visitor, `similar_artworks_for` for artworks, and the two API endpoints (p50/p95,
   SQL queries per call);
3. runs the offline evaluation (time split; see recommend/offline.py) and prints
   Recall@10, NDCG@10 and coverage of the model, popularity and random.

A measurement, not a test: it prints figures.

    .venv/bin/python benchmarks/recommend.py --var-dir /tmp/reco-bench
    DATABASE_URL=mysql://root@127.0.0.1:3306/artiqo_bench .venv/bin/python benchmarks/recommend.py

Targets (issue 8), on 10,000 artworks and ~100,000 order lines: training < 60 s and
< 2 GiB; serving a list < 20 ms p50; NDCG@10 >= 1.5x the popularity baseline.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def sql_count(call) -> int:
    """The SQL statements one call runs (untimed)."""
    from django.db import connection

    executed = []
    # A wrapper, not CaptureQueriesContext: the test client's request_started resets that log.
    with connection.execute_wrapper(lambda execute, sql, params, many, context: (
            executed.append(sql), execute(sql, params, many, context))[1]):
        call()
    return len(executed)


def timed(fn, calls) -> tuple[list[float], list[float], int]:
    """Wall and CPU milliseconds per call, and the SQL queries of the first call.

    CPU time (this process only; SQLite runs in-process) is what a call costs on an idle
    core; wall time also holds the waits for a CPU when the machine is busy.
    """
    queries = sql_count(lambda: fn(calls[0]))
    wall, cpu = [], []
    for arg in calls:
        started, started_cpu = time.perf_counter(), time.process_time()
        fn(arg)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu, queries


def _report(label: str, wall: list[float], cpu: list[float], queries: int) -> None:
    print(f"  {label:<42} wall p50 {statistics.median(wall):6.1f} ms  p95 {percentile(wall, .95):6.1f} ms   "
          f"CPU p50 {statistics.median(cpu):5.1f} ms   {queries} SQL ({len(wall)} calls)")


def build(args) -> None:
    from django.core.management import call_command
    from oscar.core.loading import get_model

    have = get_model("catalogue", "Product").objects.count()
    if have >= args.artworks:
        print(f"data: {have:,} artworks already there")
        return
    started = time.perf_counter()
    call_command("load_demo_data", artists=args.artists, artworks=args.artworks, buyers=args.buyers,
                 orders=args.orders, seed=args.seed, quiet=True)
    print(f"data: load_demo_data in {time.perf_counter() - started:.0f} s")


def train(env: dict) -> None:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "manage.py", "train_recommender"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"train_recommender failed:\n{done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(done.stdout.strip())
    # ru_maxrss is in KiB on Linux, and the largest of any child so far (only this one here).
    print(f"training (manage.py train_recommender, child process, Django start-up included): {seconds:.1f} s wall, "
          f"{cpu:.1f} s CPU, peak RSS {after.ru_maxrss / 1024:,.0f} MiB")


def train_in_process() -> None:
    from recommend.engine import fit
    from recommend.selectors import training_data_build
    from recommend.services import DEFAULT_BLEND, DEFAULT_CONFIG

    tracemalloc.start()
    started = time.perf_counter()
    data = training_data_build()
    read = time.perf_counter() - started
    started = time.perf_counter()
    fit(catalogue=data.catalogue, interactions=data.interactions, config=DEFAULT_CONFIG, blend=DEFAULT_BLEND)
    fitted = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"training in-process: read {read:.1f} s + fit {fitted:.1f} s; tracemalloc peak {peak / 2**20:,.0f} MiB "
          f"({len(data.interactions):,} events, {data.n_users:,} buyers, {data.catalogue.item_ids.shape[0]:,} works)")


def serve(rng: random.Random, calls: int) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client
    from oscar.core.loading import get_model

    from recommend.selectors import artwork_seed_get
    from recommend.serving import recommendations_for_user, similar_artworks_for
    from recommend.store import model_current

    served = model_current()
    print(f"serving model {served.version}")
    buyer_ids = list(get_model("order", "Order").objects.values_list("user_id", flat=True).distinct())
    buyers = list(get_user_model().objects.filter(pk__in=rng.sample(buyer_ids, min(calls, len(buyer_ids)))))
    artwork_ids = list(get_model("catalogue", "Product").objects.filter(is_public=True).values_list("pk", flat=True))
    artworks = [artwork_seed_get(pk=pk) for pk in rng.sample(artwork_ids, min(calls, len(artwork_ids)))]

    print("serving, in-process (history + model lookup + cards):")
    _report("recommendations_for_user, buyer, n=10",
            *timed(lambda user: recommendations_for_user(user=user, n=10), buyers))
    _report("recommendations_for_user, visitor, n=10",
            *timed(lambda user: recommendations_for_user(user=user, n=10), [AnonymousUser()] * len(buyers)))
    _report("similar_artworks_for, n=6 + 6",
            *timed(lambda artwork: similar_artworks_for(artwork=artwork, n=6), artworks))

    client = Client()
    print("API, in-process through the test client (JSON with cards):")
    _report("GET /api/v1/recommendations/ (visitor)",
            *timed(lambda _: client.get("/api/v1/recommendations/"), list(range(len(buyers)))))
    client.force_login(buyers[0])
    _report("GET /api/v1/recommendations/ (signed in)",
            *timed(lambda _: client.get("/api/v1/recommendations/"), list(range(len(buyers)))))
    _report("GET /api/v1/products/{id}/similar",
            *timed(lambda artwork: client.get(f"/api/v1/products/{artwork.pk}/similar"), artworks))


def offline(k: int) -> None:
    from recommend.offline import recommender_evaluate

    started = time.perf_counter()
    report = recommender_evaluate(k=k)
    print(f"offline evaluation ({time.perf_counter() - started:.1f} s): cutoff {report.cutoff:%Y-%m-%d %H:%M}, "
          f"{report.n_train_events:,} training events, {report.n_test_buyers:,} test buyers, "
          f"{report.n_available:,} of {report.n_items:,} works for sale at the cutoff")
    print(f"  {'':<12}{f'Recall@{k}':>12}{f'NDCG@{k}':>12}{'Coverage':>12}")
    for name, result in report.results.items():
        print(f"  {name:<12}{result.recall:>12.4f}{result.ndcg:>12.4f}{result.coverage:>12.4f}")
    popularity = report.results["popularity"].ndcg
    if popularity:
        print(f"  NDCG@{k} model / popularity: {report.results['model'].ndcg / popularity:.2f}x (target >= 1.5x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--artists", type=int, default=200)
    parser.add_argument("--artworks", type=int, default=10_000)
    parser.add_argument("--buyers", type=int, default=5_000)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--calls", type=int, default=200, help="Timed calls per serving measurement.")
    parser.add_argument("--var-dir", help="Keep the SQLite database and model files here between runs.")
    parser.add_argument("--parts", nargs="+", choices=["train", "serve", "offline"],
                        default=["train", "serve", "offline"],
                        help="What to measure (default: all; serve needs a trained model).")
    args = parser.parse_args()

    var_dir = Path(args.var_dir or tempfile.mkdtemp(prefix="artiqo-reco-bench-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ["ARTIQO_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("RECOMMENDER_DIR", str(var_dir / "models"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "artiqo.settings.base")
    import django

    django.setup()
    from django.core.management import call_command
    from oscar.core.loading import get_model

    print(f"database: {os.environ.get('DATABASE_URL', 'sqlite under ' + str(var_dir))}")
    call_command("migrate", verbosity=0)
    build(args)
    lines = get_model("order", "Line").objects.count()
    works = get_model("catalogue", "Product").objects.count()
    print(f"data: {works:,} artworks, {lines:,} order lines")
    if "train" in args.parts:
        train(dict(os.environ))
        train_in_process()
    if "serve" in args.parts:
        serve(random.Random(args.seed), args.calls)
    if "offline" in args.parts:
        offline(k=10)


if __name__ == "__main__":
    main()
