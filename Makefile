# The front door. `make run` and `make test` work on a fresh machine that has
# python3 (3.11+) and make; everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help run test lint format bench migrations-check lock clean

help:
	@echo "make run               install, migrate, load demo content, serve on :$(PORT) with a worker"
	@echo "make test              lint, then the whole test suite with coverage"
	@echo "make lint / format     ruff check / ruff format"
	@echo "make migrations-check  fail if a model change has no migration"
	@echo "make bench             run the benchmarks: bench-site, then bench-newsletter"
	@echo "make bench-site        the site under load with wrk (gunicorn, page cache off"
	@echo "                       and on), the admin, worker memory, on 100,000 posts and"
	@echo "                       a million comments (BENCH_POSTS=3000 for a quicker run)"
	@echo "make bench-newsletter  send one issue to 100,000 subscribers through a local"
	@echo "                       SMTP sink: messages/s, worker memory, exactly-once check"
	@echo "                       (BENCH_SUBSCRIBERS=5000 for a quicker run; needs aiosmtpd)"
	@echo "make lock              regenerate requirements*.txt from pyproject.toml"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps record which lock is installed, so a second run installs nothing.
$(VENV)/.installed-prod: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-dev
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-prod

run: $(VENV)/.installed-prod
	@mkdir -p var/mail var/media
	DEBUG=$${DEBUG:-1} STAFF_MFA_REQUIRED=$${STAFF_MFA_REQUIRED:-0} $(MANAGE) migrate --no-input
	DEBUG=$${DEBUG:-1} $(MANAGE) seed_demo
	DEBUG=$${DEBUG:-1} $(MANAGE) resume_sending
	@echo ""
	@echo "  CCTV Focus is starting at http://127.0.0.1:$(PORT)/"
	@echo "  Back office: http://127.0.0.1:$(PORT)/admin/"
	@echo "    editor@cctvfocus.example / demo-pass-2026  (editor)"
	@echo "    author@cctvfocus.example / demo-pass-2026  (author)"
	@echo "    reader@cctvfocus.example / demo-pass-2026  (reader, no back office)"
	@echo "  Two-factor sign-in for staff is OFF in this local demo (STAFF_MFA_REQUIRED=0);"
	@echo "  it is always on when DEBUG is off."
	@echo "  E-mails are written to var/mail/. Ctrl-C stops the site and the worker."
	@echo ""
	@export DEBUG=$${DEBUG:-1} STAFF_MFA_REQUIRED=$${STAFF_MFA_REQUIRED:-0}; \
	$(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev lint
	$(BIN)/pytest --cov --cov-report=term $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed-dev
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

.PHONY: bench-site bench-newsletter

# One after the other, even under make -j: they would share the machine.
bench: $(VENV)/.installed-dev
	$(MAKE) bench-site
	$(MAKE) bench-newsletter

# Results go to var/bench/site-<time>.json; see docs/performance.md.
bench-site: $(VENV)/.installed-dev
	$(BIN)/python bench/site.py

# Results go to var/bench/newsletter-<time>.json; BENCH_PROFILE=1 adds a cProfile.
bench-newsletter: $(VENV)/.installed-dev
	$(BIN)/python bench/newsletter.py

lock: $(VENV)/.installed-dev
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-find-links --no-emit-index-url -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-find-links --no-emit-index-url --extra dev -o requirements-dev.txt pyproject.toml

clean:
	rm -rf $(VENV) .coverage htmlcov
