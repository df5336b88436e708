"""`make bench-http`: the shop served as in production, loaded over HTTP, each URL as a ratio to a bare view.

1. builds (or reuses: the sizes are the key) the demo shop on MariaDB, by default the
   10,000-work one of issue 15 (`setup_artiqo --artworks 10000 --artists 200 --buyers 5000
   --orders 50000`, database `artiqo_bench_<sizes>`, files under var/bench-http/<sizes>);
   `--sqlite` serves `make run`'s database (var/artiqo.sqlite3) instead;
2. serves it with gunicorn, 2 sync workers, production settings (DEBUG off, hashed static
   files) on 127.0.0.1 over plain HTTP, plus the bare views the figures are compared with:
   browse page 1's 24 rows as JSON through Artiqo's middleware, and the same view in a
   second gunicorn under Django's default middleware (benchmarks/httpbench/settings*.py);
3. loads each URL with wrk (16 connections, 15 s; URLs interleaved, two rounds) and prints
   req/s per round and the ratio to the bare view, with the errors (target 0) and issue
   15's targets;
4. opens home, browse, an artwork and search on a phone on a slow network in Chromium
   (benchmarks/httpbench/phone.py) and prints bytes transferred and LCP.

    .venv/bin/python benchmarks/http_bench.py                           # the 10k shop: minutes
    .venv/bin/python benchmarks/http_bench.py --duration 3 --artworks 400 --artists 20 --buyers 60 --orders 150
    .venv/bin/python benchmarks/http_bench.py --sqlite --duration 3     # make run's database

Only 127.0.0.1 is ever a target. A measurement, not a test.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.httpbench.phone import phone_measure, phone_table  # noqa: E402
from benchmarks.shop import ShopSizes, gunicorn_serving, shop_build, shop_env, static_collect  # noqa: E402

BARE = "bare JSON view (24 rows)"
PLAIN = "bare view, Django's default middleware"
# Issue 15: every public page and list endpoint at >= 0.3x the bare view, the artwork
# page and the API detail at >= 0.5x.
DETAIL_TARGET, PAGE_TARGET = 0.5, 0.3


@dataclass
class Loaded:
    label: str
    url: str
    target: float | None
    plain: bool = False  # served by the default-middleware project
    rates: list[float] = field(default_factory=list)
    errors: int = 0
    latency_ms: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return statistics.mean(self.rates)


def wrk_run(url: str, *, duration: int, connections: int, threads: int) -> tuple[float, int, float]:
    """(requests/s, errors, mean latency ms) of one wrk run; errors = socket errors + non-2xx/3xx answers
    (+1 when no request at all was answered)."""
    done = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s",
                           "--timeout", "30s", url], capture_output=True, text=True, check=True)
    out = done.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)) else 0
    if int(re.search(r"(\d+) requests in", out).group(1)) == 0:
        errors += 1  # not one answer in the whole run: the server is stuck (or --duration too short)
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(value) for value in m.groups())
    latency = re.search(r"Latency\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[latency.group(2)]
    return rate, errors, float(latency.group(1)) * scale


def urls_pick(base: str) -> tuple[str, int]:
    """An artwork for sale (its page and id), read from the API as a visitor would."""
    import requests

    first = requests.get(f"{base}/api/v1/products/products", params={"available": "true"}, timeout=60).json()
    work = first["results"][len(first["results"]) // 2]
    return "/" + work["url"].split("://", 1)[-1].split("/", 1)[-1], work["id"]


def loads_plan(artwork_url: str, artwork_id: int) -> list[Loaded]:
    return [
        Loaded(BARE, "/bench/bare/", None),
        Loaded(PLAIN, "/bench/bare/", None, plain=True),
        Loaded("home", "/", PAGE_TARGET),
        Loaded("search page", "/shop/search/?q=blue", PAGE_TARGET),
        Loaded("browse", "/shop/catalogue/", PAGE_TARGET),
        Loaded("API list", "/api/v1/products/products", PAGE_TARGET),
        Loaded("recommendations API", "/api/v1/recommendations/", PAGE_TARGET),
        Loaded("API detail", f"/api/v1/products/{artwork_id}", DETAIL_TARGET),
        Loaded("artwork page", artwork_url, DETAIL_TARGET),
        Loaded("search API", "/api/v1/search/?q=blue", PAGE_TARGET),
    ]


def http_table(rows: list[Loaded], *, rounds: int) -> str:
    bare = next(row for row in rows if row.label == BARE).rate
    heads = " | ".join(f"req/s {index + 1}" for index in range(rounds))
    lines = [f"| URL | {heads} | × bare | target | errors |",
             "|---|" + "---:|" * rounds + "---:|---|---:|"]
    for row in rows:
        ratio = row.rate / bare
        verdict = "" if row.target is None else f"≥ {row.target} {'met' if ratio >= row.target else 'MISSED'}"
        if row.plain:
            # Artiqo's middleware against Django's defaults: the bare view within 15 %.
            slower = 1 - bare / row.rate
            verdict = f"bare within 15 %: {'met' if slower <= 0.15 else 'MISSED'} ({slower:+.0%})"
        rates = " | ".join(f"{rate:.1f}" if rate < 10 else f"{rate:.0f}" for rate in row.rates)
        lines.append(f"| {row.label} `{row.url}` | {rates} | {ratio:.2f} | {verdict} | {row.errors} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--artworks", type=int, default=10_000)
    parser.add_argument("--artists", type=int, default=200)
    parser.add_argument("--buyers", type=int, default=5_000)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--sqlite", action="store_true",
                        help="Serve make run's SQLite database (var/) instead of building a MariaDB shop.")
    parser.add_argument("--database-url", help="MariaDB database (default artiqo_bench_<sizes> on 127.0.0.1).")
    parser.add_argument("--fresh", action="store_true", help="Drop and rebuild the shop first.")
    parser.add_argument("--duration", type=int, default=15, help="Seconds of wrk per URL and round (default 15).")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2).")
    parser.add_argument("--rounds", type=int, default=2, help="Rounds over the URLs (default 2).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2).")
    parser.add_argument("--phone-loads", type=int, default=3,
                        help="Cold loads per page on the throttled phone (default 3; 0 skips the browser).")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make bench-http` installs it (scripts/system-deps.sh --bench)")

    sizes = ShopSizes(artworks=args.artworks, artists=args.artists, buyers=args.buyers, orders=args.orders)
    settings = "benchmarks.httpbench.settings"
    extra = {"ARTIQO_PAYMENTS": "test", "SECURE_SSL_REDIRECT": "false"}
    if args.sqlite:
        var_dir = ROOT / "var"
        if not (var_dir / "artiqo.sqlite3").exists():
            sys.exit("no var/artiqo.sqlite3: `make setup` (or `make run`) builds it first")
        database_url = f"sqlite:///{var_dir / 'artiqo.sqlite3'}"
        # Production's hashed static files go apart from make run's.
        env = shop_env(database_url=database_url, var_dir=var_dir, settings=settings,
                       STATIC_ROOT=str(ROOT / "var" / "bench-http" / "static-sqlite"), **extra)
        static_collect(env)
        print(f"database: make run's SQLite ({var_dir / 'artiqo.sqlite3'})")
    else:
        var_dir = ROOT / "var" / "bench-http" / sizes.key
        database_url = args.database_url or f"mysql://root@127.0.0.1:3306/artiqo_bench_{sizes.key}"
        env = shop_env(database_url=database_url, var_dir=var_dir, settings=settings, **extra)
        print(f"database: {database_url}; files: {var_dir}")
        print(shop_build(env=env, var_dir=var_dir, sizes=sizes, database_url=database_url, fresh=args.fresh))
    plain_env = {**env, "DJANGO_SETTINGS_MODULE": "benchmarks.httpbench.settings_plain"}

    out_dir = Path(tempfile.mkdtemp(prefix="artiqo-bench-http-"))
    with ExitStack() as stack:
        base = stack.enter_context(gunicorn_serving(env=env, log_path=out_dir / "gunicorn.log", workers=args.workers))
        plain = stack.enter_context(gunicorn_serving(env=plain_env, log_path=out_dir / "gunicorn-plain.log",
                                                     workers=args.workers))
        import requests

        artwork_url, artwork_id = urls_pick(base)
        rows = loads_plan(artwork_url, artwork_id)
        for row in rows:  # every URL answers 200 before it is loaded; the first render is not timed
            answer = requests.get((plain if row.plain else base) + row.url, timeout=120)
            if answer.status_code != 200:
                sys.exit(f"{row.url} answered {answer.status_code}; see {out_dir}")
        load_before = os.getloadavg()[0]
        print(f"gunicorn: {args.workers} sync workers on {base} (and {plain} for the default middleware); "
              f"wrk: {args.connections} connections, {args.threads} threads, {args.duration} s per URL, "
              f"{args.rounds} rounds; load average before: {load_before:.1f} on {os.cpu_count()} CPUs")
        for index in range(args.rounds):
            for row in rows:
                rate, errors, latency = wrk_run((plain if row.plain else base) + row.url, duration=args.duration,
                                                connections=args.connections, threads=args.threads)
                row.rates.append(rate)
                row.errors += errors
                row.latency_ms.append(latency)
                print(f"  round {index + 1}: {row.label:<40} {rate:7.1f} req/s  mean latency {latency:6.0f} ms"
                      f"  errors {errors}")
        phone_rows = []
        if args.phone_loads:
            phone_rows = phone_measure(base, {"home": "/", "browse": "/shop/catalogue/", "artwork": artwork_url,
                                              "search": "/shop/search/?q=blue"}, loads=args.phone_loads)

    errors = sum(row.errors for row in rows)
    shop = "make run's SQLite database" if args.sqlite else f"MariaDB, demo data {sizes.key.replace('_', ' ')}"
    print(f"\n{datetime.date.today()}, {platform.node()} ({os.cpu_count()} CPUs, load average "
          f"{load_before:.1f} before and {os.getloadavg()[0]:.1f} after; wrk, gunicorn and the database share it); "
          f"{shop}; gunicorn {args.workers} sync workers, DEBUG off; wrk {args.connections} connections, "
          f"{args.duration} s per URL, URLs interleaved, {args.rounds} rounds\n")
    print(http_table(rows, rounds=args.rounds))
    print(f"\nerrors: {errors} (target 0); gunicorn logs in {out_dir}")
    if phone_rows:
        print("\n" + phone_table(phone_rows))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
