"""The test database: migrated and given the starter pack once, then copied into every test process.

On SQLite (the default) each test process (xdist worker) has its own in-memory database. The first process
to need one takes a file lock, migrates an in-memory database, imports the starter pack and writes it to
`.test-db/<key>.sqlite3`; every other process (and every later run with the same key) copies that file
into its own in-memory database with SQLite's backup API, in milliseconds, instead of migrating (~15 s)
and importing (~20 s) again. The key is a hash of everything the database is built from: our Python code
(models, migrations, the importer), the content pack, the installed packages and the SQLite version, so
a template is never used after any of those changed. `--create-db` builds it again anyway (tests/conftest.py).

Other databases (PostgreSQL) are created as pytest-django does, and the pack is imported when missing.
"""

import fcntl
import hashlib
import importlib.metadata
import os
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / ".test-db"
# Never part of what the database is built from.
SKIPPED_DIRS = {".git", ".venv", ".test-db", "__pycache__", "node_modules", "staticfiles", "media", "docs", "tests"}
# The test modules that do take part: this one and the conftest that calls it.
BUILD_MODULES = [Path(__file__), ROOT / "tests" / "conftest.py"]


def in_memory_sqlite():
    """Whether the one database is SQLite with the default, in-memory test database."""
    return set(settings.DATABASES) == {"default"} and all(
        db["ENGINE"] == "django.db.backends.sqlite3" and not (db.get("TEST") or {}).get("NAME")
        for db in settings.DATABASES.values()
    )


def _source_files(pack_root):
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        yield from (Path(folder) / name for name in sorted(files) if name.endswith(".py"))
    yield from BUILD_MODULES
    yield from sorted(path for path in Path(pack_root).rglob("*") if path.is_file())
    yield from sorted(ROOT.glob("requirements*.lock"))


def template_key(pack_root):
    """A hash of our code, the content pack, the installed packages and the Python and SQLite versions."""
    digest = hashlib.sha256()
    for path in _source_files(pack_root):
        digest.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode())
        digest.update(path.read_bytes())
    packages = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    digest.update("\n".join([sys.version, sqlite3.sqlite_version, *packages]).encode())
    return digest.hexdigest()[:20]


@contextmanager
def locked(path):
    """An exclusive lock on `path` shared by every process of every run in this checkout."""
    path.parent.mkdir(exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def save_template(template):
    """Write the (in-memory) test database to `template`, atomically, and delete templates of older keys."""
    partial = template.with_suffix(f".{os.getpid()}.partial")
    target = sqlite3.connect(partial)
    try:
        connections["default"].connection.backup(target)
    finally:
        target.close()
    os.replace(partial, template)
    for old in TEMPLATES.glob("*.sqlite3"):
        if old != template:
            old.unlink(missing_ok=True)


def forget_templates():
    for old in TEMPLATES.glob("*.sqlite3"):
        old.unlink(missing_ok=True)


def load_template(template):
    """Point the connection at its in-memory test database and fill it from `template`.

    Returns the old configuration that django.test.utils.teardown_databases expects, as setup_databases
    would have."""
    connection = connections["default"]
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()  # file:memorydb_default?mode=memory&cache=shared
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    return [(connection, old_name, True)]
