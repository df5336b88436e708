#!/usr/bin/env bash
# `make lint`: the style and architecture checks, each run even when one before it fails, so one run
# shows everything. ruff (ruff.toml), import-linter's contracts (.importlinter, once it exists) and
# the import cycles between apps (scripts/app_cycles.py; APP_CYCLES_MAX tolerates some while apps move),
# and that docs/floors.svg is what scripts/floors.py draws from today's imports.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
failed=()

echo "== ruff check"
"$VENV/bin/ruff" check --output-format=concise . || failed+=("ruff")

if [ -f .importlinter ]; then
  echo "== lint-imports (.importlinter)"
  "$VENV/bin/lint-imports" || failed+=("lint-imports")
else
  echo "== lint-imports: no .importlinter contracts yet, skipped"
fi

echo "== app import cycles"
"$VENV/bin/python" scripts/app_cycles.py --max "${APP_CYCLES_MAX:-0}" || failed+=("app cycles")

echo "== the floors picture (docs/floors.svg) drawn from today's imports"
"$VENV/bin/python" scripts/floors.py --svg docs/floors.svg --check-svg >/dev/null || failed+=("floors picture")

if [ "${#failed[@]}" -gt 0 ]; then
  echo "lint FAILED: ${failed[*]}"
  exit 1
fi
echo "lint passed"
