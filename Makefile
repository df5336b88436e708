# Artiqo: `make run` serves the shop with demo data; `make test` runs the test suite.
PY ?= python3
VENV ?= .venv
PYTHON := $(VENV)/bin/python
PORT ?= 8000
DEMO_ARGS ?=
PYTEST_ARGS ?=

.PHONY: run test install setup serve bench clean-var

$(VENV)/.installed: requirements.txt
	@bash scripts/system-deps.sh
	$(PY) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	@touch $@

install: $(VENV)/.installed

## migrate, demo data, search index, static files (idempotent), then serve
run: install setup serve

setup: install
	$(PYTHON) manage.py setup_artiqo $(DEMO_ARGS)

serve: install
	@echo "Artiqo on http://127.0.0.1:$(PORT)/  (CMS: /cms/, API docs: /api/v1/docs/)"
	$(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

## the whole suite; DATABASE_URL=mysql://root@127.0.0.1:3306/artiqo runs it on MySQL/MariaDB
test: install
	$(PYTHON) -m pytest $(PYTEST_ARGS)

clean-var:
	rm -rf var/
