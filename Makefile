# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
# Test processes (pytest-xdist): one per core unless given, e.g. `make test TEST_WORKERS=1`.
TEST_WORKERS ?= auto
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The real OpenID provider the single sign-on tests run (tests/oidc/, npm package oidc-provider).
OIDC_PROVIDER := tests/oidc/node_modules/.package-lock.json

.PHONY: help install run test test-fast lint format check-deploy security bandit audit-deps clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

$(OIDC_PROVIDER): tests/oidc/package-lock.json
	@if command -v npm >/dev/null; then cd tests/oidc && npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the single sign-on tests will be skipped (install Node.js 20+)"; fi

install: $(STAMP) $(OIDC_PROVIDER)  ## Create .venv and install the app with its dev extra (and the test OpenID provider when Node.js is there)

run: install  ## Migrate, load demo data, serve on http://127.0.0.1:$(PORT) (PORT=8000 unless given; SQLite by default) with one background worker; Ctrl-C stops both
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT) $(PY) manage.py load_demo
	@DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT) $(PY) manage.py run_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install  ## Run ruff, the layer contracts (import-linter) and the whole suite (browser tests too when Chromium is installed)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -n $(TEST_WORKERS)

test-fast: install  ## The suite without the browser tests
	$(PY) -m pytest -n $(TEST_WORKERS) -m "not browser"

lint: install  ## Ruff lint and the layer contracts
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

format: install  ## Format the code with ruff
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

check-deploy: install  ## Django's deployment checks with production settings
	DEBUG=0 SECRET_KEY=check-deploy-only-$$(date +%s)-not-a-real-secret-key-abcdefghijklmnop \
	  ALLOWED_HOSTS=tracker.example.org $(PY) manage.py check --deploy --fail-level WARNING

security: bandit audit-deps  ## Bandit and the dependency audit; fails on either, and when a package could not be audited

bandit: install  ## Bandit over the code (fails on high severity)
	$(PY) -m bandit -q -r accounts api audit config core devtools improvement inspections jobs measures recommendations registers -x "*/migrations/*" -lll

audit-deps: install  ## pip-audit: fails on a known vulnerability, and says NOT AUDITED and fails when it could not check a package
	$(PY) ops/audit_deps.py

.PHONY: assets
assets:  ## Rebuild GOV.UK Frontend CSS/JS into static/ (needs Node.js; output is committed)
	cd assets && npm ci && npm run build

clean:  ## Remove the virtual environment, the SQLite database and caches
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm .pytest_cache .ruff_cache
