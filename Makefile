# Renda — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install install-dev migrate seed serve worker lint format check clean duplicates

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## run: set everything up and serve the platform with demo data on http://$(HOST):$(PORT)
## (DEBUG off, as deployed: config.settings.demo; periodic jobs by run_periodic every minute)
run: export DJANGO_SETTINGS_MODULE = config.settings.demo
run: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py demo_accounts
	$(PY) manage.py casework_schedule
	$(PY) manage.py db_worker --queue-name "*" --interval 5 --no-reload > var/worker.log 2>&1 & \
	  WORKER=$$!; \
	  $(PY) manage.py run_periodic --loop 60 > var/periodic.log 2>&1 & \
	  PERIODIC=$$!; trap "kill $$WORKER $$PERIODIC 2>/dev/null" EXIT INT TERM; \
	  $(VENV)/bin/uvicorn config.asgi:application --host $(HOST) --port $(PORT)

## test: install dev dependencies and run the whole suite in parallel workers (SQLite, or DATABASE_URL if set)
test: install-dev
	@missing=""; \
	  [ -x "$(CHROMIUM)" ] || missing="$$missing chromium fonts-noto-cjk"; \
	  command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = "0" ]; then \
	      echo "Missing:$$missing — installing Debian's packages"; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	    else \
	      echo "Missing:$$missing. Install with: sudo apt-get install$$missing"; exit 1; \
	    fi; \
	  fi
	$(PY) -m pytest -q -n auto --maxprocesses 4

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## duplicates: repeated code across renda/ (pylint's duplicate-code check at 6 lines)
duplicates: install-dev
	$(VENV)/bin/pylint --disable=all --enable=duplicate-code --min-similarity-lines=6 \
	  --ignore=migrations,tests,devtools renda || true

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check:
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

clean:
	rm -rf var/renda.sqlite3* var/static
