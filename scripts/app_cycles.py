"""Count the import cycles between Artiqo's apps (`make lint` runs it; exit 1 above `--max`).

An app is a package with an `apps.py` (a Django app); a module outside every app counts for its
top-level package (`artiqo` for `artiqo.urls` and the settings). Every import counts, the ones inside
functions too (grimp reads whole modules), so an import hidden in a function still closes a cycle.
The tests and the benchmarks import everything and nothing imports them: they are left out.

    .venv/bin/python scripts/app_cycles.py            # the count; exit 1 if any
    .venv/bin/python scripts/app_cycles.py -v         # plus one import for each direction of each cycle
    .venv/bin/python scripts/app_cycles.py --max 3    # tolerate up to 3 (a ratchet while apps move)
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
# Artiqo's own top-level packages; those that do not exist (yet, or any more) are skipped.
PACKAGES = ("artiqo", "storefront", "artists", "studio", "commissions", "price_offers", "accounts", "search",
            "recommend", "demo")
# More elementary cycles than this are not worth enumerating: the count is then shown as "at least".
CYCLE_CAP = 100_000


def app_packages(packages: list[str]) -> list[str]:
    """The dotted names of the packages holding an `apps.py`, deepest first."""
    apps = [
        ".".join(path.parent.relative_to(ROOT).parts)
        for package in packages
        for path in (ROOT / package).rglob("apps.py")
        if "migrations" not in path.parts
    ]
    return sorted(apps, key=lambda name: -name.count("."))


def app_of(module: str, apps: list[str]) -> str:
    """The app a module belongs to (the deepest app package holding it), else its top-level package."""
    for app in apps:
        if module == app or module.startswith(app + "."):
            return app
    return module.split(".")[0]


def app_graph(packages: list[str]) -> tuple[dict[str, set[str]], dict[tuple[str, str], tuple[str, str]]]:
    """Which app imports which, with one example import (importer, imported) for each edge."""
    graph = grimp.build_graph(*packages, cache_dir=None)
    apps = app_packages(packages)
    edges: dict[str, set[str]] = defaultdict(set)
    example: dict[tuple[str, str], tuple[str, str]] = {}
    for importer in sorted(graph.modules):
        source = app_of(importer, apps)
        edges.setdefault(source, set())
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            target = app_of(imported, apps)
            if target != source:
                edges[source].add(target)
                example.setdefault((source, target), (importer, imported))
    return edges, example


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one app: the groups that form cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def elementary_cycles(edges: dict[str, set[str]], group: list[str]) -> int:
    """How many distinct cycles run through a group (each counted once, from its smallest app)."""
    members = set(group)
    count = 0
    for start in sorted(group):
        # Cycles whose smallest app is `start`: a path search over the apps after it.
        allowed = {node for node in members if node > start}
        paths = [(start, [start])]
        while paths:
            node, path = paths.pop()
            for target in edges.get(node, ()):
                if target == start:
                    count += 1
                    if count >= CYCLE_CAP:
                        return count
                elif target in allowed and target not in path:
                    paths.append((target, path + [target]))
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--max", type=int, default=0, help="app pairs importing each other tolerated (default 0: no cycle at all)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show an import for each direction")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    packages = [name for name in PACKAGES if (ROOT / name / "__init__.py").exists()]
    edges, example = app_graph(packages)
    groups = strongly_connected(edges)
    mutual = [
        (a, b) for a, b in itertools.combinations(sorted(edges), 2) if b in edges[a] and a in edges[b]
    ]
    cycles = sum(elementary_cycles(edges, group) for group in groups)
    shown = f"at least {cycles:,}" if cycles >= CYCLE_CAP else f"{cycles:,}"
    print(
        f"app import cycles: {len(mutual)} app pairs import each other; {shown} cycles in all; "
        f"{sum(len(g) for g in groups)} of {len(edges)} apps in {len(groups)} cycle group(s)"
    )
    for group in groups:
        print("  group: " + ", ".join(group))
    for a, b in mutual:
        print(f"  {a} <-> {b}")
        if args.verbose:
            print(f"      {' -> '.join(example[(a, b)])}")
            print(f"      {' -> '.join(example[(b, a)])}")
    if len(mutual) > args.max or (args.max == 0 and groups):
        print(f"FAILED: more app cycles than the {args.max} allowed (scripts/app_cycles.py -v shows the imports)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
