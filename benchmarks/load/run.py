"""Load benchmark: the shop under gunicorn (two workers) on MariaDB, driven by locust.

1. makes (or reuses) the database and fills it with small demo data through
   `manage.py setup_artiqo` (migrate, demo data, search index, recommender, static files);
2. starts gunicorn on 127.0.0.1 with two workers, production-like (DEBUG off, Redis cache
   when one answers at --redis);
3. runs locust headless for a bounded time with the browse, search, cart and checkout
   mixes of benchmarks/load/locustfile.py (checkout through the API and the test gateway);
4. prints throughput, p50/p95/p99 and errors per endpoint, and the intended 409s (two
   buyers wanting one original) apart. Exits 1 on any other error.

    .venv/bin/python benchmarks/load/run.py                       # 20 users, 60 s
    .venv/bin/python benchmarks/load/run.py --users 40 --run-time 120 --artworks 600
    .venv/bin/python benchmarks/load/run.py --database-url mysql://root@127.0.0.1:3306/artiqo_load --fresh

Only 127.0.0.1 is ever a target. A measurement, not a test.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.shop import ShopSizes, gunicorn_serving, redis_answers, shop_build, shop_env  # noqa: E402

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


def stats_read(prefix: str) -> tuple[list[dict], list[dict]]:
    with open(f"{prefix}_stats.csv") as handle:
        stats = list(csv.DictReader(handle))
    with open(f"{prefix}_failures.csv") as handle:
        failures = list(csv.DictReader(handle))
    return stats, failures


OVERSOLD_CHECK = """
import django
django.setup()
from django.db.models import Count, F
from oscar.core.loading import get_model
from storefront.order.statuses import SOLD
Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")
twice = (Line.objects.filter(order__status__in=SOLD, product__kind="original")
         .values("product_id").annotate(n=Count("order", distinct=True)).filter(n__gt=1).count())
over = StockRecord.objects.filter(num_allocated__gt=F("num_in_stock")).count()
paid = Line.objects.filter(order__status__in=SOLD, order__user__username__startswith="load-").count()
print(f"{paid} {twice} {over}")
"""


def oversold_check(env: dict) -> tuple[int, int, int]:
    """(works bought by the load's buyers, originals in two paid orders, stock records over-allocated)."""
    done = subprocess.run([sys.executable, "-c", OVERSOLD_CHECK], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)
    paid, twice, over = (int(value) for value in done.stdout.split()[-3:])
    return paid, twice, over


def report(stats: list[dict], failures: list[dict], conflicts: dict) -> int:
    """Print the table; returns the number of unexpected errors."""
    print(f"\n{'endpoint':<44} {'reqs':>6} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6} "
          f"{'errors':>6} {'409 ok':>6}")
    errors = 0
    for row in stats:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        label = f"{row['Type']} {name}" if row["Type"] else name
        count = int(row["Request Count"])
        failed = int(row["Failure Count"])
        conflict = sum(conflicts.values()) if name == "ALL" else conflicts.get(row["Name"], 0)
        if name == "ALL":
            print("-" * 100)
        else:
            errors += failed
        print(f"{label[:44]:<44} {count:6d} {float(row['Requests/s']):6.1f} "
              f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
              f"{float(row['Max Response Time']):6.0f} {failed:6d} {conflict:6d}")
    print("(times in ms; '409 ok' = intended conflicts: another buyer got the original first)")
    for failure in failures:
        print(f"ERROR {failure['Method']} {failure['Name']}: {failure['Occurrences']}x {failure['Error'][:300]}")
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL",
                                                                 "mysql://root@127.0.0.1:3306/artiqo_load"))
    parser.add_argument("--fresh", action="store_true", help="Drop and rebuild the database first.")
    parser.add_argument("--artists", type=int, default=20)
    parser.add_argument("--artworks", type=int, default=400)
    parser.add_argument("--buyers", type=int, default=60)
    parser.add_argument("--orders", type=int, default=150)
    parser.add_argument("--users", type=int, default=20, help="Concurrent locust users (default 20).")
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--run-time", type=int, default=60, help="Seconds of load (default 60).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14",
                        help="Shared cache and sessions for the workers; 'none' for per-process memory.")
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "load"),
                        help="Media, search index and recommender model of the loaded shop.")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    if not args.database_url.startswith("mysql://"):
        sys.exit("the load benchmark runs on MySQL/MariaDB: --database-url mysql://...")

    var_dir = Path(args.var_dir)
    # Every locust user signs up from 127.0.0.1: lift the per-address sign-up limit.
    env = shop_env(database_url=args.database_url, var_dir=var_dir, ARTIQO_REGISTER_RATE="100000/hour",
                   OUTBOX_SEND_ON_COMMIT="true")
    use_redis = args.redis != "none" and redis_answers(args.redis)
    if use_redis:
        env["REDIS_URL"], env["CACHE_KEY_PREFIX"] = args.redis, f"artiqo-load-{os.getpid()}"
    print(f"database {args.database_url}; cache: {'Redis ' + args.redis if use_redis else 'per-process memory'}")

    sizes = ShopSizes(artworks=args.artworks, artists=args.artists, buyers=args.buyers, orders=args.orders)
    # always: setup_artiqo again on a kept database (idempotent; books what earlier runs' buyers paid).
    print(shop_build(env=env, var_dir=var_dir, sizes=sizes, database_url=args.database_url, fresh=args.fresh,
                     always=True))

    out_dir = Path(tempfile.mkdtemp(prefix="artiqo-load-"))
    prefix = str(out_dir / "locust")
    conflicts_file = out_dir / "conflicts.json"
    # The app's log (Django logs each 4xx, the intended 409s too) goes to a file, not the table.
    with gunicorn_serving(env=env, log_path=out_dir / "gunicorn.log", workers=args.workers) as url:
        print(f"gunicorn: {args.workers} workers on {url}; locust: {args.users} users, {args.run_time} s; "
              f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        log = open(out_dir / "locust.log", "w")
        subprocess.run([sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", url,
                        "-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.run_time}s",
                        "--stop-timeout", "10", "--csv", prefix, "--only-summary", "--loglevel", "WARNING",
                        "--exit-code-on-error", "0"],
                       cwd=ROOT, env={**env, "ARTIQO_LOAD_CONFLICTS_FILE": str(conflicts_file)},
                       check=True, stdout=log, stderr=subprocess.STDOUT, timeout=args.run_time + 120)
    stats, failures = stats_read(prefix)
    conflicts = json.loads(conflicts_file.read_text()) if conflicts_file.exists() else {}
    print(f"load average after: {os.getloadavg()[0]:.1f} (locust, gunicorn and MariaDB share this machine)")
    errors = report(stats, failures, conflicts)
    paid, twice, over = oversold_check(env)
    print(f"\n{paid} works bought by the load's buyers in all runs on this database; originals in two paid "
          f"orders: {twice}; stock records allocated beyond stock: {over} (both must be 0)")
    print(f"unexpected errors: {errors} (target 0); locust CSVs and the app's log in {out_dir}")
    sys.exit(1 if errors or twice or over else 0)


if __name__ == "__main__":
    main()
