"""The floors of Artiqo, read from `.importlinter` and held against the code's imports.

    python scripts/floors.py                 the app-to-app import edges, floor by floor
    python scripts/floors.py --svg FILE      draws the floors, the apps and their imports (docs/floors.svg)
    python scripts/floors.py --svg FILE --check-svg    exits 1 when FILE is not what the code draws today

The floors are the `layers` of the contract named "Floors" in `.importlinter` (top floor first;
`|` and `:` separate the apps of one floor). The checks are elsewhere: `lint-imports` enforces
the floors module by module, scripts/app_cycles.py counts import cycles between apps; this
script draws what they check, so the picture in the docs cannot drift from the code
(`make lint` fails when it is out of date). Imports inside functions count like any other.
"""
import argparse
import ast
import configparser
import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIPPED_DIRS = {"migrations", "tests", "__pycache__", "node_modules", ".venv", "var"}


def floors_read(*, config_path):
    """The floors, top first: each a list of app module names."""
    parser = configparser.ConfigParser()
    parser.read(config_path)
    for section in parser.sections():
        if parser.get(section, "name", fallback="").lower().startswith("floors"):
            lines = [line.strip() for line in parser.get(section, "layers").splitlines()]
            return [[name.strip() for name in re.split(r"[|:]", line) if name.strip()]
                    for line in lines if line and not line.startswith("#")]
    raise SystemExit(f"{config_path}: no contract named 'Floors…'")


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module, apps):
    """The longest app name that is the module or one of its parents."""
    best = None
    for app in apps:
        if (module == app or module.startswith(app + ".")) and (best is None or len(app) > len(best)):
            best = app
    return best


def imported_modules(tree, module, is_package):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def edges_read(*, apps):
    """{(importing app, imported app): one 'module -> module' example}."""
    edges = {}
    tops = {app.split(".")[0] for app in apps}
    for top in sorted(tops):
        for path in sorted((ROOT / top).rglob("*.py")) if (ROOT / top).is_dir() else []:
            if SKIPPED_DIRS & set(path.relative_to(ROOT).parts):
                continue
            module = module_name(path)
            source = app_of(module, apps)
            if source is None:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for target_module in imported_modules(tree, module, path.name == "__init__.py"):
                target = app_of(target_module, apps)
                if target and target != source:
                    # The smallest example, so that reordering imports does not redraw the picture.
                    example = f"{module} -> {target_module}"
                    edges[(source, target)] = min(example, edges.get((source, target), example))
    return edges


FLOOR_NAMES = ["entry", "delivery", "domain", "core", "kernel"]
BOX_W, BOX_H, FLOOR_H, MARGIN, LABEL_W = 150, 34, 110, 20, 90


def svg_draw(*, floors, edges):
    """An SVG: one band a floor, one box an app, one arrow an import (red when it goes up)."""
    width = LABEL_W + MARGIN + max(len(f) for f in floors) * (BOX_W + MARGIN)
    height = len(floors) * FLOOR_H + MARGIN
    place, floor_of = {}, {}
    for level, apps in enumerate(floors):
        y = MARGIN + level * FLOOR_H + (FLOOR_H - BOX_H) // 2 - MARGIN // 2
        for i, app in enumerate(apps):
            place[app] = (LABEL_W + MARGIN + i * (BOX_W + MARGIN), y)
            floor_of[app] = level
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           '<defs><marker id="down" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto">'
           '<path d="M0,0 L8,4 L0,8 z" fill="#667"/></marker>'
           '<marker id="up" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto">'
           '<path d="M0,0 L8,4 L0,8 z" fill="#c00"/></marker></defs>',
           f'<rect width="{width}" height="{height}" fill="#fff"/>']
    for level in range(len(floors)):
        y = MARGIN // 2 + level * FLOOR_H
        fill = "#f4f1ea" if level % 2 == 0 else "#eae6dc"
        name = FLOOR_NAMES[level] if level < len(FLOOR_NAMES) else f"floor {level + 1}"
        out.append(f'<rect x="0" y="{y}" width="{width}" height="{FLOOR_H}" fill="{fill}"/>')
        out.append(f'<text x="10" y="{y + FLOOR_H // 2 + 4}" font-weight="bold" fill="#554">{name}</text>')
    for (source, target) in sorted(edges):
        if source not in place or target not in place:
            continue
        (sx, sy), (tx, ty) = place[source], place[target]
        upwards = floor_of[target] < floor_of[source]
        same_floor = floor_of[target] == floor_of[source]
        x1, x2 = sx + BOX_W // 2, tx + BOX_W // 2
        if same_floor:
            y1 = y2 = sy + BOX_H
            path = f"M{x1},{y1} C{x1},{y1 + 30} {x2},{y2 + 30} {x2},{y2}"
        else:
            y1, y2 = (sy, ty + BOX_H) if upwards else (sy + BOX_H, ty)
            path = f"M{x1},{y1} L{x2},{y2}"
        colour, marker = ("#c00", "up") if upwards else ("#667", "down")
        out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-opacity="0.55" '
                   f'marker-end="url(#{marker})"><title>{html.escape(edges[(source, target)])}</title></path>')
    for app, (x, y) in place.items():
        out.append(f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="5" fill="#fff" stroke="#334"/>')
        label = html.escape(app)
        out.append(f'<text x="{x + BOX_W // 2}" y="{y + BOX_H // 2 + 4}" text-anchor="middle">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / ".importlinter"))
    parser.add_argument("--svg", help="write (or with --check-svg, compare) the picture")
    parser.add_argument("--check-svg", action="store_true")
    args = parser.parse_args()

    floors = floors_read(config_path=args.config)
    apps = [app for floor in floors for app in floor]
    floor_of = {app: level for level, floor in enumerate(floors) for app in floor}
    edges = edges_read(apps=apps)
    upwards = sorted((s, t) for (s, t) in edges if floor_of[t] < floor_of[s])

    for level, floor in enumerate(floors):
        name = FLOOR_NAMES[level] if level < len(FLOOR_NAMES) else f"floor {level + 1}"
        print(f"{name}:")
        for app in floor:
            targets = sorted(t for (s, t) in edges if s == app)
            print(f"  {app} -> {', '.join(targets) or '(nothing of ours)'}")
    for source, target in upwards:
        print(f"UPWARDS: {edges[(source, target)]}")
    print(f"{len(apps)} apps on {len(floors)} floors, {len(edges)} app-to-app import edges, {len(upwards)} upwards")

    failed = False
    if args.svg:
        drawn = svg_draw(floors=floors, edges=edges)
        svg_path = Path(args.svg)
        if args.check_svg:
            if not svg_path.exists() or svg_path.read_text(encoding="utf-8") != drawn:
                print(f"{svg_path} is out of date: run python scripts/floors.py --svg {svg_path}")
                failed = True
        else:
            svg_path.write_text(drawn, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
