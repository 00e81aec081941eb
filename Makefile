# Sportloket – the two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,$(shell command -v sudo))

.DEFAULT_GOAL := help
.PHONY: help install install-dev system-libs browser run test lint format messages check-deploy bench bench-http clean

help:
	@echo "make run      – install, migrate, load demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test     – install test tools and Chromium, lint, check migrations, run all tests"
	@echo "make lint     – ruff check, ruff format --check, the layers contract (lint-imports) and the template layout"
	@echo "make format   – ruff fix and format, lay out the templates"
	@echo "make bench    – in-process benchmarks at national scale"
	@echo "make bench-http – every page over HTTP (gunicorn + wrk) against a bare view, with budgets"
	@echo "make install  – create .venv and install the application"
	@echo "make messages – update and compile the Dutch translations"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The stamp files make a second `make` fast; they are redone whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: system-libs $(VENV)/.installed

install-dev: system-libs $(VENV)/.installed-dev

# WeasyPrint (the yearly report as a PDF) draws text with Debian's Pango and HarfBuzz.
system-libs:
	@if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q 'libpangoft2-1.0.so.0'; then \
		if command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Pango (Debian) for the PDF of the yearly report…"; \
			$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 \
				libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; \
		else \
			echo "Pango is missing and apt-get is not available: the yearly report's PDF will not work."; \
		fi; \
	fi

# Debian's Chromium drives the browser tests (never `playwright install`: it downloads a browser).
browser:
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "Chromium: $(CHROMIUM)"; \
	elif command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's Chromium for the browser tests…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is missing and apt-get is not available: browser tests will be skipped (and fail with CI=true)."; \
	fi

# PORT goes along to the server, so that SITE_URL (the links in e-mails) follows the port.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Sportloket draait op / runs at http://127.0.0.1:$(PORT)/  (demo-loket: http://127.0.0.1:$(PORT)/demo/dashboard/)"
	@echo "Tweestapsverificatie staat voor de demo uit / two-factor is off for the demo (MFA_REQUIRED=true zet het aan)."
	@echo "Een achtergrondwerker verstuurt de e-mail (naar de console) en draait imports / a background worker sends the e-mail (to the console) and runs imports."
	@PORT=$(PORT) $(BIN)/python manage.py db_worker --queue-name '*' --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		PORT=$(PORT) MFA_REQUIRED=$${MFA_REQUIRED:-false} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python tools/template_layout.py --check

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/python tools/template_layout.py

test: install-dev browser lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(PYTEST_ARGS)

messages: install-dev
	cd src/sportloket && ../../$(BIN)/python ../../manage.py makemessages -l nl --no-obsolete --no-location
	cd src/sportloket && ../../$(BIN)/python ../../manage.py compilemessages -l nl

check-deploy: install
	DEBUG=false SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(48))') \
		ALLOWED_HOSTS=sportloket.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# Every page over HTTP at national scale (gunicorn + wrk), against a bare view in the same run;
# bench/bench_http.py says how, and what each budget is.
bench-http: install
	@command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (Debian) for the HTTP benchmark…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/bench_http.py

bench: install
	$(BIN)/python bench/bench_register.py
	$(BIN)/python bench/bench_inbox.py
	$(BIN)/python bench/bench_matching.py
	$(BIN)/python bench/bench_contacts.py
	$(BIN)/python bench/bench_meetings.py
	$(BIN)/python bench/bench_cooperation.py
	$(BIN)/python bench/bench_clubcheck.py
	$(BIN)/python bench/bench_scan.py
	$(BIN)/python bench/bench_decisions.py
	$(BIN)/python bench/bench_dashboard.py
	$(BIN)/python bench/bench_import_concurrency.py
