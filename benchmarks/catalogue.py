"""Catalogue benchmark: browse and artwork pages against a bare Django JSON view, in-process.

Builds a shop of N artworks (the demo data command, or bulk rows without pictures with
--data=bulk), then times with django.test.Client: the home page, browse page 1, a deep page, a
filtered page, an artwork page, the biggest artist's page, the API's artwork list, and a
bare JSON view of the same 24 rows as browse page 1 (defined here, served through a
temporary URLconf). Prints p50/p95 in ms, SQL queries per request,
and each page's p50 as a multiple of the bare view's. A measurement, not a test.

    .venv/bin/python benchmarks/catalogue.py --artworks 10000
    .venv/bin/python benchmarks/catalogue.py --artworks 10000 --data bulk --repeat 300
    DATABASE_URL=mysql://root@127.0.0.1:3306/artiqo_bench .venv/bin/python benchmarks/catalogue.py

Targets (issue 2): browse within 10x and the artwork page within 5x of the bare view.
The SQLite database lives in var/bench/ (--var-dir), apart from the dev database, and is
kept between runs: a second run at the same size only measures.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"browse": 10.0, "artwork": 5.0}


def bare_json_view(request):
    """The floor: the same 24 newest public works as browse page 1, straight to JSON."""
    from django.http import JsonResponse
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    rows = list(
        Product.objects.filter(is_public=True, structure=Product.STANDALONE)
        .order_by("-date_created", "-id")
        .values("id", "title", "slug", "artist__name", "vibe__name", "stockrecords__price")[:24]
    )
    for row in rows:
        row["price"] = str(row.pop("stockrecords__price"))
    return JsonResponse({"results": rows})


def bench_urlconf() -> str:
    """The benchmarks' URLconf: the bare view, then the whole site (never the public URL map)."""
    return "benchmarks.httpbench.urls"


def catalogue_build(*, artworks: int, data: str, seed: int) -> str:
    """Grow the shop to `artworks` works (about 50 per artist); says how and how long it took."""
    from django.core.management import call_command
    from oscar.core.loading import get_model

    started = time.perf_counter()
    before = get_model("catalogue", "Product").objects.count()
    if data == "demo":
        call_command("load_demo_data", seed=seed, artworks=artworks, artists=max(12, artworks // 50),
                     buyers=40, orders=200, verbosity=0)
    else:
        from benchmarks.search import build_bulk  # the search benchmark's plain rows, no picture files

        build_bulk(artworks, seed)
    added = get_model("catalogue", "Product").objects.count() - before
    return f"{data} data: {added:,} works added in {time.perf_counter() - started:.1f} s"


def pages_to_measure() -> dict[str, str]:
    """The URLs to time: home, browse (page 1, deep, filtered), an artwork, an artist, the API list, the bare view."""
    from django.core.paginator import Paginator
    from django.db.models import Count
    from oscar.core.loading import get_model

    from storefront.catalogue.forms import PAGE_SIZE
    from storefront.catalogue.selectors import artwork_list

    Vibe = get_model("catalogue", "Vibe")
    pages = Paginator(artwork_list(), PAGE_SIZE).num_pages
    vibe = Vibe.objects.order_by("position", "name").values_list("slug", flat=True).first() or "calm"
    available = artwork_list(available=True).order_by("id")
    artwork = available[available.count() // 2]
    from artists.models import Artist

    # The artist with the most works: the heaviest artist page.
    artist = Artist.objects.annotate(works=Count("artworks")).order_by("-works", "pk").first()
    return {
        "home page": "/",
        "browse page 1": "/shop/catalogue/",
        f"browse deep page ({max(pages - 10, 1)} of {pages})": f"/shop/catalogue/?page={max(pages - 10, 1)}",
        "browse filtered": f"/shop/catalogue/?vibe={vibe}&available=1&min_price=100&max_price=2000&sort=price_asc",
        "artwork page": artwork.get_absolute_url(),
        f"artist page ({artist.works} works)": artist.get_absolute_url(),
        "API list (products/products)": "/api/v1/products/products",
        "bare JSON view (24 rows)": "/bench/bare/",
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(urls: dict[str, str], *, repeat: int) -> dict[str, dict]:
    """p50/p95 (ms) over `repeat` rounds, plus SQL queries and size of one response, per URL."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = {}
    for label, url in urls.items():
        for _ in range(5):  # warm-up: templates compiled, per-process caches filled
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        results[label] = {"url": url, "queries": len(captured), "bytes": len(response.content), "times": []}
    for _ in range(repeat):  # interleaved, so a slow moment of the machine hits every URL alike
        for label, url in urls.items():
            started = time.perf_counter()
            client.get(url)
            results[label]["times"].append((time.perf_counter() - started) * 1000)
    return results


def report(results: dict[str, dict]) -> None:
    bare_label = next(label for label in results if label.startswith("bare"))
    bare = percentile(results[bare_label]["times"], 0.5)
    print(f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>5} {'KB':>6} {'x bare':>7}  target")
    for label, result in results.items():
        p50, p95 = percentile(result["times"], 0.5), percentile(result["times"], 0.95)
        ratio = p50 / bare
        kind = "artwork" if label.startswith("artwork") else "browse" if label.startswith("browse") else None
        verdict = f"<= {TARGETS[kind]:.0f}x {'met' if ratio <= TARGETS[kind] else 'MISSED'}" if kind else ""
        print(f"{label:<34} {p50:8.1f} {p95:8.1f} {result['queries']:5d} {result['bytes'] / 1024:6.1f} "
              f"{ratio:7.1f}  {verdict}")
        print(f"{'':<34} {result['url']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--artworks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200, help="Timed rounds over the URLs (default 200).")
    parser.add_argument("--data", choices=["demo", "bulk"], default="demo",
                        help="demo: manage.py load_demo_data (pictures drawn); bulk: plain rows, no picture files.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench"),
                        help="Where the benchmark's SQLite database, media and index live (default var/bench).")
    args = parser.parse_args()

    var_dir = Path(args.var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ["ARTIQO_VAR_DIR"] = str(var_dir)
    os.environ["WHOOSH_INDEX_PATH"] = str(var_dir / "whoosh_index")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "artiqo.settings.base")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    print(f"database: {os.environ.get('DATABASE_URL', 'SQLite in ' + str(var_dir))}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    print(catalogue_build(artworks=args.artworks, data=args.data, seed=args.seed))
    with override_settings(ROOT_URLCONF=bench_urlconf()):
        urls = pages_to_measure()
        results = measure(urls, repeat=args.repeat)
    print(f"\n{args.artworks:,} artworks, {args.repeat} timed rounds, in-process (django.test.Client), DEBUG off\n")
    report(results)


if __name__ == "__main__":
    main()
