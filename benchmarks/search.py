"""Search benchmark: index build time and size, API latency (p50/p95/p99), SQL per request.

Builds a catalogue of N artworks (the demo data command when it exists and --data=demo,
else bulk-created rows with believable titles and descriptions), rebuilds the Whoosh
index with `manage.py rebuild_index`, then times typical queries through
GET /api/v1/search/ in-process. A measurement, not a test: it prints figures.

    .venv/bin/python benchmarks/search.py                      # 10,000 then 100,000 artworks
    .venv/bin/python benchmarks/search.py --sizes 10000 --repeat 50
    DATABASE_URL=mysql://root@127.0.0.1:3306/artiqo_bench .venv/bin/python benchmarks/search.py

Targets (issue 7): 10,000 works: p50 < 30 ms, p95 < 100 ms; 100,000 works: p50 < 50 ms.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Issue 7: (size, percentile, ms) the API answer must beat.
TARGETS = [(10_000, 0.50, 30.0), (10_000, 0.95, 100.0), (100_000, 0.50, 50.0)]
sys.path.insert(0, str(ROOT))

COLOURS = ["blue", "azure", "teal", "green", "emerald", "red", "crimson", "ochre", "golden", "amber", "violet",
           "indigo", "grey", "silver", "black", "white", "pink", "rose", "turquoise", "cobalt", "umber", "sienna"]
SUBJECTS = ["ocean", "sea", "harbour", "coast", "river", "lake", "forest", "mountain", "city", "street", "garden",
            "meadow", "field", "sky", "storm", "rain", "snow", "night", "portrait", "figure", "dancer", "face",
            "cat", "horse", "bird", "boat", "lighthouse", "bridge", "window", "door", "flowers", "poppies", "tulips",
            "fruit", "market", "cafe", "train", "island", "cliffs", "waves", "moon", "sunflowers", "orchard",
            "village", "rooftops", "fjord", "desert", "dunes", "woman", "child", "musician", "kitchen", "studio"]
MOODS = ["quiet", "restless", "soft", "bold", "bright", "dark", "lonely", "warm", "cold", "misty", "silent",
         "wild", "gentle", "dreamy", "calm", "vivid", "faded", "distant", "tender", "stormy", "sunlit", "hazy"]
TECHNIQUES = ["washes", "layers", "impasto", "glazes", "brushstrokes", "lines", "textures", "palette knife work",
              "cross-hatching", "splatters", "dry brush", "wet-on-wet", "stippling", "collage", "scumbling"]
PLACES = ["Bergen", "Lisbon", "Kyoto", "Oslo", "Marrakesh", "Venice", "Provence", "Iceland", "Cornwall", "Crete",
          "Lofoten", "Havana", "Istanbul", "Amalfi", "Brittany", "Tromsø", "Porto", "Seville", "Hokkaido"]
TIMES = ["dawn", "dusk", "midnight", "noon", "twilight", "first light", "late afternoon", "the blue hour"]
FIRST = ["Mira", "Tomas", "Ana", "Lars", "Ingrid", "Yusuf", "Chiara", "Kenji", "Amara", "Elif", "Jonas", "Sofia",
         "Mateo", "Leila", "Nils", "Hana", "Oskar", "Freya", "Rafael", "Aino", "Dmitri", "Zara", "Emil", "Noor"]
LAST = ["Solberg", "Lindqvist", "Reyes", "Haugen", "Nakamura", "Okafor", "Bianchi", "Demir", "Berg", "Costa",
        "Sato", "Moreau", "Eriksen", "Haddad", "Novak", "Larsen", "Ferreira", "Kowalski", "Dahl", "Rossi"]
VIBES = ["calm", "bold", "dreamy", "dark", "playful", "melancholic", "vibrant", "minimal"]
MEDIA = ["oil", "acrylic", "watercolour", "gouache", "ink", "charcoal", "pencil", "pastel", "mixed-media",
         "digital", "printmaking", "photography"]
CATEGORY_OF = {"oil": "Paintings", "acrylic": "Paintings", "watercolour": "Paintings", "gouache": "Paintings",
               "ink": "Drawings", "charcoal": "Drawings", "pencil": "Drawings", "pastel": "Drawings",
               "mixed-media": "Mixed media", "digital": "Digital", "printmaking": "Prints",
               "photography": "Photography"}


def _title(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS)
    pattern = rng.randrange(6)
    if pattern == 0:
        return f"{rng.choice(MOODS).capitalize()} {subject}"
    if pattern == 1:
        return f"{subject.capitalize()} at {rng.choice(TIMES)}"
    if pattern == 2:
        return f"{rng.choice(COLOURS).capitalize()} {subject}"
    if pattern == 3:
        return f"{subject.capitalize()} in {rng.choice(PLACES)}"
    if pattern == 4:
        return f"Study of a {subject}"
    return f"{subject.capitalize()} No. {rng.randrange(1, 40)}"


def _description(rng: random.Random, vibe: str, medium: str) -> str:
    first = (f"{rng.choice(MOODS).capitalize()} {rng.choice(COLOURS)} {rng.choice(TECHNIQUES)} catch "
             f"the {rng.choice(SUBJECTS)} near {rng.choice(PLACES)} at {rng.choice(TIMES)}.")
    second = (f"A {vibe} piece in {medium.replace('-', ' ')}, with {rng.choice(COLOURS)} and "
              f"{rng.choice(COLOURS)} notes around a {rng.choice(MOODS)} {rng.choice(SUBJECTS)}.")
    third = rng.choice(["", f" Painted from life over {rng.randrange(2, 12)} weeks.",
                        " Signed on the back; ships rolled in a tube.", " Part of a series about home."])
    return first + " " + second + third


def build_bulk(target: int, seed: int) -> int:
    """Add bulk-created artworks (no signals, no image files) until there are `target`."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils.text import slugify
    from oscar.core.loading import get_model
    from taggit.models import Tag, TaggedItem

    from artists.models import Artist
    from storefront.catalogue.services import artwork_product_class

    Product = get_model("catalogue", "Product")
    existing = Product.objects.count()
    if existing >= target:
        return 0
    rng = random.Random(seed + existing)
    User = get_user_model()
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    ProductImage = get_model("catalogue", "ProductImage")
    ProductCategory = get_model("catalogue", "ProductCategory")
    Category = get_model("catalogue", "Category")
    Vibe = get_model("catalogue", "Vibe")

    with transaction.atomic():
        vibes = [Vibe.objects.get_or_create(slug=v, defaults={"name": v.capitalize()})[0] for v in VIBES]
        categories = {}
        for name in sorted(set(CATEGORY_OF.values())):
            categories[name] = Category.objects.filter(name=name, depth=1).first() or Category.add_root(name=name)
        product_class = artwork_product_class()
        artist_target = max(20, target // 40)
        have = Artist.objects.count()
        if have < artist_target:
            new = range(have, artist_target)
            users = User.objects.bulk_create(
                [User(username=f"bench-artist-{i}", email=f"bench{i}@example.com", password="!") for i in new]
            )
            partners = Partner.objects.bulk_create([Partner(name=f"Bench partner {i}", code=f"bench-{i}") for i in new])
            Artist.objects.bulk_create(
                [Artist(user=u, partner=p, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", slug=f"bench-artist-{i}",
                        vibe=rng.choice(vibes)) for i, u, p in zip(new, users, partners)]
            )
        artists = list(Artist.objects.select_related("partner").order_by("id")[:artist_target])
        tags = {name: Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
                for name in SUBJECTS + MOODS[:8]}
        product_ct = ContentType.objects.get_for_model(Product)

    chunk = 5000
    for start in range(existing, target, chunk):
        count = min(chunk, target - start)
        with transaction.atomic():
            rows = []
            for _ in range(count):
                artist = rng.choice(artists)
                vibe = artist.vibe if rng.random() < 0.6 else rng.choice(vibes)
                medium = rng.choice(MEDIA)
                title = _title(rng)
                rows.append(Product(
                    product_class=product_class, structure=Product.STANDALONE, title=title, slug=slugify(title)[:200],
                    description=_description(rng, vibe.name.lower(), medium), artist=artist, vibe=vibe, medium=medium,
                    style=rng.choice(SUBJECTS), year=rng.randrange(1990, 2026), kind="original", is_public=True,
                ))
            products = Product.objects.bulk_create(rows)
            StockRecord.objects.bulk_create([
                StockRecord(product=p, partner=p.artist.partner, partner_sku=f"B-{p.pk}",
                            price=Decimal(rng.randrange(40, 4000)), price_currency="USD", num_in_stock=1,
                            num_allocated=1 if rng.random() < 0.15 else 0)
                for p in products
            ])
            ProductImage.objects.bulk_create([
                ProductImage(product=p, original="images/bench.jpg", thumbnail="images/thumbs/bench-thumb.jpg",
                             display_order=0) for p in products
            ])
            ProductCategory.objects.bulk_create(
                [ProductCategory(product=p, category=categories[CATEGORY_OF[p.medium]]) for p in products]
            )
            TaggedItem.objects.bulk_create([
                TaggedItem(content_type=product_ct, object_id=p.pk, tag=tags[name])
                for p in products for name in {rng.choice(SUBJECTS), rng.choice(MOODS[:8])}
            ])
    return target - existing


def build_demo(target: int, seed: int) -> int:
    from django.core.management import call_command
    from oscar.core.loading import get_model

    existing = get_model("catalogue", "Product").objects.count()
    if existing >= target:
        return 0
    # Sizes as benchmarks/catalogue.py asks for them: about 50 works per artist.
    call_command("load_demo_data", seed=seed, artworks=target, artists=max(12, target // 50), buyers=40, orders=200,
                 verbosity=0)
    return target - existing


def search_queries(rng: random.Random) -> list[tuple[str, str]]:
    """The typical queries timed here (label, query string): words, feelings, typos, filters, junk."""
    from artists.models import Artist

    names = list(Artist.objects.order_by("?").values_list("name", flat=True)[:3]) or ["Mira Solberg"]
    return [
        ("one word", "q=blue"),
        ("one word", "q=ocean"),
        ("two words", "q=blue+ocean"),
        ("feeling", "q=dreamy+sea"),
        ("feeling", "q=misty+harbour+at+dawn"),
        ("vibe+medium", "q=calm+watercolour"),
        ("medium", "q=portrait+oil"),
        ("artist", "q=" + names[0].replace(" ", "+")),
        ("artist", "q=" + names[-1].split()[-1]),
        ("typo", "q=dreemy+sea"),
        ("typo", "q=lighthose"),
        ("filters", "q=blue&vibe=calm"),
        ("filters", "q=sea&medium=oil&max_price=500"),
        ("sort", "q=forest&sort=price"),
        ("sort", "q=city&sort=newest"),
        ("page 2", "q=blue&page=2"),
        ("no AND match", "q=lighthouse+tulips+dancer+cobalt"),
        ("sold too", "q=garden&available=false"),
        ("with counts", "q=blue&counts=true"),
        ("with counts", "q=misty+harbour&vibe=calm&counts=true"),
        ("junk", "q=AND+OR+%28"),
        ("junk", "q=" + "x" * 1000),
    ]


def indexed_count() -> int:
    from haystack import connections

    return connections["default"].get_backend().searcher().doc_count()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(size: int, repeat: int, rng: random.Random) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from haystack import connections

    client = Client()
    queries = search_queries(rng)
    # The first pass runs on a fresh engine: a new web process, nothing read into memory yet
    # (Django's own first-request imports are paid beforehand, on the health check).
    client.get("/healthz")
    connections.reload("default")
    cold = []
    hits: dict[str, list[int]] = {}
    for label, params in queries:
        started = time.perf_counter()
        response = client.get(f"/api/v1/search/?{params}")
        cold.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (params, response.status_code, response.content[:300])
        hits.setdefault(label, []).append(response.json()["count"])
    timings: dict[str, list[float]] = {}
    every = []
    for _ in range(repeat):
        for label, params in queries:
            started = time.perf_counter()
            client.get(f"/api/v1/search/?{params}")
            elapsed = (time.perf_counter() - started) * 1000
            timings.setdefault(label, []).append(elapsed)
            every.append(elapsed)
    # The HTML results page always counts filters too (the API only with counts=true);
    # The search box's typeahead asks at every pause in typing.
    pages: dict[str, list[float]] = {}
    for path in ("/shop/search/?q=blue", "/shop/search/?q=misty+harbour&vibe=calm", "/api/v1/search/suggest/?q=bl",
                 "/api/v1/search/suggest/?q=harb", "/api/v1/search/suggest/?q=dream"):
        for _ in range(max(3, repeat // 3)):
            started = time.perf_counter()
            response = client.get(path)
            pages.setdefault(path, []).append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    sql = {}
    for extra in ("page_size=20", "page_size=60", "page_size=20&counts=true", "page_size=60&counts=true&vibe=calm"):
        with CaptureQueriesContext(connection) as captured:
            data = client.get(f"/api/v1/search/?q=blue&{extra}").json()
        sql[f"api ?q=blue&{extra} ({len(data['results'])} results)"] = len(captured)
    with CaptureQueriesContext(connection) as captured:
        client.get("/shop/search/?q=blue")
    sql["results page (24 results)"] = len(captured)
    return {"timings": timings, "all": every, "cold": cold, "sql": sql, "hits": hits, "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=30, help="Rounds over the query set per size.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", choices=["auto", "demo", "bulk"], default="auto",
                        help="demo: manage.py load_demo_data; bulk: rows made here; auto: demo if it exists.")
    parser.add_argument("--var-dir", help="Keep the SQLite database and index here between runs.")
    parser.add_argument("--reuse-index", action="store_true",
                        help="Skip rebuild_index when the kept index already holds every artwork.")
    args = parser.parse_args()
    # Line-buffered: the figures appear as they are measured, even when piped to a file.
    sys.stdout.reconfigure(line_buffering=True)

    var_dir = Path(args.var_dir or tempfile.mkdtemp(prefix="artiqo-search-bench-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ["ARTIQO_VAR_DIR"] = str(var_dir)
    os.environ["WHOOSH_INDEX_PATH"] = str(var_dir / "whoosh_index")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "artiqo.settings.base")
    import django

    django.setup()
    from django.core.management import call_command, get_commands

    print(f"database: {os.environ.get('DATABASE_URL', 'sqlite under ' + str(var_dir))}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    use_demo = args.data == "demo" or (args.data == "auto" and "load_demo_data" in get_commands())
    rng = random.Random(args.seed)
    for size in args.sizes:
        started = time.perf_counter()
        added = (build_demo if use_demo else build_bulk)(size, args.seed)
        print(f"\n=== {size:,} artworks ({'demo data' if use_demo else 'bulk rows'}; added {added:,} "
              f"in {time.perf_counter() - started:.1f} s)")
        if args.reuse_index and indexed_count() == size:
            print("index build: skipped (--reuse-index, the index already holds them)")
        else:
            started = time.perf_counter()
            call_command("rebuild_index", interactive=False, verbosity=0)
            build = time.perf_counter() - started
            print(f"index build (rebuild_index): {build:.1f} s ({size / build:,.0f} works/s)")
        index_mb = sum(f.stat().st_size for f in (var_dir / "whoosh_index").glob("*")) / 1e6
        print(f"index size: {index_mb:.1f} MB on disk ({indexed_count():,} documents)")
        result = measure(size, args.repeat, rng)
        every = result["all"]
        print(f"API latency over {len(every)} requests: p50 {_percentile(every, .5):.1f} ms, "
              f"p95 {_percentile(every, .95):.1f} ms, p99 {_percentile(every, .99):.1f} ms, max {max(every):.1f} ms")
        for target_size, share, limit in TARGETS:
            if target_size == size:
                measured = _percentile(every, share)
                verdict = "met" if measured < limit else "MISSED"
                print(f"  target p{share * 100:.0f} < {limit:.0f} ms: {verdict} ({measured:.1f} ms)")
        cold = result["cold"]
        print(f"  first pass on a fresh process ({len(cold)} requests): p50 {_percentile(cold, .5):.1f} ms, "
              f"max {max(cold):.1f} ms")
        for label, values in result["timings"].items():
            found = "/".join(f"{count:,}" for count in result["hits"][label])
            print(f"  {label:<14} p50 {statistics.median(values):7.1f} ms   p95 {_percentile(values, .95):7.1f} ms"
                  f"   matches {found}")
        for path, values in result["pages"].items():
            print(f"GET {path}: p50 {statistics.median(values):.1f} ms, p95 {_percentile(values, .95):.1f} ms")
        for label, count in result["sql"].items():
            print(f"SQL queries, {label}: {count}")


if __name__ == "__main__":
    main()
