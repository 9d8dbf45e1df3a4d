# SafeSteps: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_WORKERS ?= 2

# The first Python >= 3.12 on PATH (pyenv shims included; .python-version names 3.12.1).
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: install run test test-ops lint messages lock clean load load-ci backup restore

# Developers and CI install the dev lock (production pins + test and lint tools), hashes checked, with uv
# (parallel downloads, one shared cache; about a third of pip's time): pip installs uv itself first from
# requirements-bootstrap.lock (pinned, hashed), then `uv pip sync` makes .venv hold exactly the dev lock.
# `make install INSTALLER=pip` installs the same lock with pip alone. Production installs requirements.lock
# with pip: see docs/deploy.md.
INSTALLER ?= uv
$(VENV)/.installed: requirements-dev.lock requirements.lock requirements-bootstrap.lock
	@if [ -z "$(PYTHON)" ]; then echo "SafeSteps needs Python 3.12 or newer: install it (e.g. pyenv install 3.12) and run make again." >&2; exit 1; fi
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
ifeq ($(INSTALLER),pip)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
else
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.lock
	$(VENV)/bin/uv pip sync --quiet --compile-bytecode --python $(PY) --require-hashes requirements-dev.lock
endif
	@touch $@

install: $(VENV)/.installed messages

messages:
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install GNU gettext (apt-get install gettext)." >&2; exit 1; }
	$(PY) manage.py compilemessages --ignore=.venv -v0

# The task worker (emails, search index, the nightly retention purge) runs beside the server, in its own process
# group so that stopping the server (Ctrl-C or otherwise) stops it and the copy its autoreloader started.
run: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo
	set -m; $(PY) manage.py task_worker & worker=$$!; set +m; \
	trap 'kill -TERM -- -'$$worker' 2>/dev/null; wait '$$worker' 2>/dev/null' EXIT; \
	$(PY) manage.py runserver 127.0.0.1:8000

# One run: the browser tests go to one worker as a group (tests/browser/conftest.py), the rest are shared out.
test: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -q -m "not ops"

# Backup round trips (SQLite, and PostgreSQL when it answers) and the two-server scale-out test (PostgreSQL
# and Redis on 127.0.0.1): fresh databases and gunicorn in their own processes, a few minutes (tests/ops/).
test-ops: install
	$(PY) -m pytest -q -m ops

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check --tabwidth 2 templates

# A whole school (10 classes × 45 pupils) plays a lesson against gunicorn with the production settings on
# 127.0.0.1: scripts/load/run.py. PostgreSQL (a database of its own, created and dropped by the run) and Redis
# when they answer on 127.0.0.1, else SQLite and the database cache. About 8 minutes. Fails on any error, lost or duplicate answer,
# p95 step >= 300 ms or p95 answer >= 500 ms.
load: install
	$(PY) scripts/load/run.py

# The CI version: one class of 45 for about a minute; fails on any error, lost or duplicate answer (not on the
# p95 targets, which `make load` checks: CI shares its machine with other jobs).
load-ci: install
	$(PY) scripts/load/run.py --classes 1 --sign-in-seconds 10 --quiz-at 40 --no-latency-targets

# A backup of the database (pg_dump -Fc, or SQLite's online backup API) and the media files in a new
# timestamped directory under backups/ (BACKUP_ROOT) with a manifest: docs/deploy.md "Backups and restore".
backup: install
	$(PY) manage.py backup

# Restore BACKUP=backups/<time> (default: the newest) into an empty database and media directory;
# FORCE=1 replaces what they hold.
restore: install
	$(PY) manage.py restore $(BACKUP) $(if $(FORCE),--force)

# Three hashed locks: requirements.lock (production dependencies only, from pyproject.toml),
# requirements-dev.lock (the same pins plus the dev extra) and requirements-bootstrap.lock (uv alone, at the
# version requirements-dev.lock holds: `make install` installs it first). No index or find-links paths are written.
PIP_COMPILE := $(PY) -m piptools compile --quiet --strip-extras --generate-hashes --allow-unsafe \
	--no-emit-index-url --no-emit-find-links
lock:
	$(PIP_COMPILE) --output-file requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra dev --constraint requirements.lock --output-file requirements-dev.lock pyproject.toml
	$(PIP_COMPILE) --constraint requirements-dev.lock --output-file requirements-bootstrap.lock requirements-bootstrap.in

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
