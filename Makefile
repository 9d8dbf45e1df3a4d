# SafeSteps: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_WORKERS ?= 2

# The first Python >= 3.12 on PATH (pyenv shims included; .python-version names 3.12.1).
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: install run test lint messages lock clean

$(VENV)/.installed: requirements.lock
	@if [ -z "$(PYTHON)" ]; then echo "SafeSteps needs Python 3.12 or newer: install it (e.g. pyenv install 3.12) and run make again." >&2; exit 1; fi
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

install: $(VENV)/.installed messages

messages:
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install GNU gettext (apt-get install gettext)." >&2; exit 1; }
	$(PY) manage.py compilemessages --ignore=.venv -v0

run: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) -q -m "not browser"
	$(PY) -m pytest -q -m browser

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

lock:
	$(PY) -m piptools compile --quiet --strip-extras --extra dev --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
