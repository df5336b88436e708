"""Every benchmark in one table: catalogue, search, recommendations and checkout, against a bare view.

Builds (or reuses) demo data of the chosen size, the search index and a recommender
model, then times each page or endpoint in-process with Django's test client, DEBUG
off, and prints one table: p50 and p95 in ms, SQL queries per request, and each row's
p50 as a multiple of a bare Django JSON view (the same 24 rows as browse page 1, served
through a URLconf made only for the benchmark) measured in the same run.

    .venv/bin/python benchmarks/run_all.py                       # 2,000 artworks, SQLite in var/bench-all
    .venv/bin/python benchmarks/run_all.py --artworks 10000 --repeat 100
    DATABASE_URL=mysql://root@127.0.0.1:3306/artiqo_bench .venv/bin/python benchmarks/run_all.py

It reuses the single-topic scripts (benchmarks/catalogue.py, search.py, recommend.py):
their data building, page choices, query sets and timing helpers. Checkout rows buy a
different work each round (add to cart, place the order, pay with the test gateway),
so every round sells one more original. A measurement, not a test.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import catalogue as catalogue_bench  # noqa: E402
from benchmarks import recommend as recommend_bench  # noqa: E402
from benchmarks import search as search_bench  # noqa: E402

TEST_CARD = "4242424242424242"


class Row:
    """One line of the table; `queries` is the SQL of each URL the row times (one number for most)."""

    def __init__(self, group: str, label: str, times: list[float], queries: int | dict[str, int]):
        self.group, self.label, self.times = group, label, times
        self.queries = queries if isinstance(queries, dict) else {"": queries}

    @property
    def sql(self) -> str:
        low, high = min(self.queries.values()), max(self.queries.values())
        return str(low) if low == high else f"{low}-{high}"

    @property
    def p50(self) -> float:
        return catalogue_bench.percentile(self.times, 0.5)

    @property
    def p95(self) -> float:
        return catalogue_bench.percentile(self.times, 0.95)


def timed_get(client, urls: list[str], *, repeat: int) -> tuple[list[float], dict[str, int]]:
    """GET each URL in turn, `repeat` times over the list after a warm-up; the SQL queries of each URL."""
    for url in urls[:5]:  # warm-up: templates compiled, per-process caches filled
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    queries = {url: recommend_bench.sql_count(lambda url=url: client.get(url)) for url in urls}
    calls = [urls[index % len(urls)] for index in range(max(repeat, len(urls)))]
    wall, _cpu, _first = recommend_bench.timed(lambda url: client.get(url), calls)
    return wall, queries


def data_ready(*, artworks: int, seed: int) -> None:
    """Demo data, search index and recommender model; each only when missing."""
    from django.core.management import call_command
    from oscar.core.loading import get_model

    from recommend.store import model_current

    started = time.perf_counter()
    print(catalogue_bench.catalogue_build(artworks=artworks, data="demo", seed=seed))
    works = get_model("catalogue", "Product").objects.count()
    try:
        indexed = search_bench.indexed_count()
    except Exception as error:  # noqa: BLE001  (a missing or half-built index: rebuild it)
        print(f"search index unreadable ({error!r}): rebuilding it")
        indexed = -1
    if indexed != works:
        call_command("rebuild_index", interactive=False, verbosity=0)
    if model_current() is None:
        call_command("train_recommender", verbosity=0)
    print(f"data ready: {works:,} works, index and model in place ({time.perf_counter() - started:.0f} s)")


def catalogue_rows(client, *, repeat: int) -> list[Row]:
    rows = []
    for label, url in catalogue_bench.pages_to_measure().items():
        wall, queries = timed_get(client, [url], repeat=repeat)
        group = "floor" if label.startswith("bare") else "catalogue"
        rows.append(Row(group, label.replace("bare JSON view (24 rows)", "bare Django JSON view (24 rows)"),
                        wall, queries))
    return rows


def search_rows(client, *, repeat: int, rng: random.Random) -> list[Row]:
    queries = [params for _, params in search_bench.search_queries(rng)]
    api_wall, api_sql = timed_get(client, [f"/api/v1/search/?{params}" for params in queries], repeat=repeat)
    page_wall, page_sql = timed_get(client, ["/shop/search/?q=blue", "/shop/search/?q=dreamy+sea",
                                             "/shop/search/?q=calm+watercolour"], repeat=repeat)
    return [Row("search", f"search API ({len(queries)} typical queries)", api_wall, api_sql),
            Row("search", "search results page", page_wall, page_sql)]


def recommendation_rows(client, *, repeat: int, rng: random.Random) -> list[Row]:
    from django.test import Client
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    ids = list(Product.objects.filter(is_public=True).values_list("pk", flat=True))
    similar = [f"/api/v1/products/{pk}/similar" for pk in rng.sample(ids, min(50, len(ids)))]
    rows = [Row("recommend", "recommendations API (visitor)",
                *timed_get(client, ["/api/v1/recommendations/"], repeat=repeat))]
    buyer_id = get_model("order", "Order").objects.values_list("user_id", flat=True).order_by("user_id").first()
    if buyer_id is not None:
        signed_in = Client()
        signed_in.force_login(get_model("order", "Order").objects.filter(user_id=buyer_id).first().user)
        rows.append(Row("recommend", "recommendations API (buyer with orders)",
                        *timed_get(signed_in, ["/api/v1/recommendations/"], repeat=repeat)))
    rows.append(Row("recommend", "similar works API", *timed_get(client, similar, repeat=repeat)))
    return rows


def checkout_rows(*, rounds: int) -> list[Row]:
    """Add to cart, place the order, pay: each round buys another available original."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from storefront.catalogue.selectors import artwork_list

    user, _ = get_user_model().objects.get_or_create(username="bench-checkout",
                                                     defaults={"email": "bench-checkout@example.com"})
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    # +2: the first round is a warm-up, the second counts queries, both untimed.
    available = list(artwork_list(available=True).filter(kind="original").order_by("?")
                     .values_list("pk", flat=True)[:rounds + 2])
    if len(available) < rounds + 2:
        print(f"checkout: only {len(available)} originals left for sale; build more data (--artworks)")
    steps = {"add to cart (API)": [], "place order (API)": [], "pay, test gateway (API)": []}
    sql = dict.fromkeys(steps, 0)

    def step(label: str, call, expected: int, record: bool, count: bool):
        executed = []
        started = time.perf_counter()
        if count:
            with connection.execute_wrapper(lambda execute, sql_, params, many, context: (
                    executed.append(sql_), execute(sql_, params, many, context))[1]):
                response = call()
        else:
            response = call()
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == expected, (label, response.status_code, response.content[:300])
        if record:
            steps[label].append(elapsed)
        if count:
            sql[label] = len(executed)
        return response

    for index, pk in enumerate(available):
        record, count = index >= 2, index == 1
        # partial() binds this round's work and order now, not whatever the loop holds when called.
        step("add to cart (API)", partial(client.post, f"/api/v1/cart/{user.pk}/add", {"product_id": pk},
                                          format="json"), 201, record, count)
        number = step("place order (API)", partial(client.post, "/api/v1/orders/", {}, format="json"),
                      201, record, count).json()["number"]
        step("pay, test gateway (API)", partial(client.post, f"/api/v1/orders/{number}/pay",
                                                {"card_number": TEST_CARD}, format="json"),
             200, record, count)
    return [Row("checkout", label, times, sql[label]) for label, times in steps.items() if times]


def table(rows: list[Row]) -> str:
    bare = next(row for row in rows if row.group == "floor").p50
    lines = [f"| {'what':<50} | {'p50 ms':>7} | {'p95 ms':>7} | {'SQL':>4} | {'x bare':>6} |",
             f"|{'-' * 52}|{'-' * 8}:|{'-' * 8}:|{'-' * 5}:|{'-' * 7}:|"]
    for row in rows:
        lines.append(f"| {row.group + ': ' + row.label:<50} | {row.p50:7.1f} | {row.p95:7.1f} | {row.sql:>4} "
                     f"| {row.p50 / bare:6.1f} |")
    return "\n".join(lines)


def sql_per_url(rows: list[Row]) -> str:
    """The SQL of each URL of the rows that time several (the table shows their range)."""
    lines = []
    for row in rows:
        if len(row.queries) > 1:
            lines.append(f"SQL per request, {row.group}: {row.label}:")
            lines += [f"  {count:3d}  {url if len(url) <= 90 else url[:87] + '...'}"
                      for url, count in row.queries.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--artworks", type=int, default=2_000, help="Demo data size (default 2,000 artworks).")
    parser.add_argument("--repeat", type=int, default=100, help="Timed requests per row (default 100).")
    parser.add_argument("--checkout-rounds", type=int, default=30,
                        help="Purchases timed (each sells one original; default 30).")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-all"),
                        help="SQLite database, media, index and model of the benchmark shop (kept between runs).")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    var_dir = Path(args.var_dir)
    (var_dir / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ["ARTIQO_VAR_DIR"] = str(var_dir)
    os.environ["WHOOSH_INDEX_PATH"] = str(var_dir / "whoosh_index")
    os.environ.setdefault("RECOMMENDER_DIR", str(var_dir / "models"))
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "artiqo.settings.base")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings

    print(f"database: {os.environ.get('DATABASE_URL', 'SQLite in ' + str(var_dir))}")
    call_command("migrate", verbosity=0)
    data_ready(artworks=args.artworks, seed=args.seed)
    rng = random.Random(args.seed)
    with override_settings(ROOT_URLCONF=catalogue_bench.bench_urlconf()):
        client = Client()
        rows = catalogue_rows(client, repeat=args.repeat)
        rows += search_rows(client, repeat=args.repeat, rng=rng)
        rows += recommendation_rows(client, repeat=args.repeat, rng=rng)
        rows += checkout_rows(rounds=args.checkout_rounds)
        # The floor again at the end: the ratio uses the faster of the two, so a slow
        # start of the machine does not flatter the pages.
        wall, _queries = timed_get(client, ["/bench/bare/"], repeat=args.repeat)
    floor = next(row for row in rows if row.group == "floor")
    if catalogue_bench.percentile(wall, 0.5) < floor.p50:
        floor.times = wall
    rows.sort(key=lambda row: row.group != "floor")
    from django.db import connection

    print(f"\n{args.artworks:,} artworks (demo data), {connection.vendor}, {args.repeat} requests per row "
          f"({args.checkout_rounds} purchases), in-process (django.test.Client), DEBUG off\n")
    print(table(rows))
    print("\n" + sql_per_url(rows))


if __name__ == "__main__":
    main()
