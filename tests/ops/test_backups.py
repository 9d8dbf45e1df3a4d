"""`manage.py backup` / `manage.py restore` (make backup / make restore): a backup of a filled database and
its media, restored into a fresh database, gives back every row of the tables that matter, and a restore
never overwrites a database with tables unless told to."""

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from wagtail.images import get_image_model

from classrooms.models import Classroom, Membership, Pupil, School
from progress.models import LessonProgress
from quizzes.models import Answer, Attempt, Choice, Question, Quiz

from . import support
from .support import production_env, run

pytestmark = pytest.mark.ops

MODELS = [School, Membership, Classroom, Pupil, get_user_model(), LessonProgress, Quiz, Question, Choice, Attempt,
          Answer, Answer.choices.through, get_image_model()]  # fmt: skip
TABLES = [model._meta.db_table for model in MODELS]


def row_set(rows):
    """The rows as a set (JSON values, which cannot go in a set, as their sorted text)."""
    return {tuple(json.dumps(v, sort_keys=True) if isinstance(v, dict | list) else v for v in row) for row in rows}


def sqlite_rows(url):
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
        return {table: row_set(conn.execute(f'SELECT * FROM "{table}"')) for table in TABLES}  # noqa: S608


def postgres_rows(url):
    import psycopg

    with psycopg.connect(url) as conn:
        return {table: row_set(conn.execute(f'SELECT * FROM "{table}"')) for table in TABLES}  # noqa: S608


def media_files(root):
    root = Path(root)
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).digest() for p in root.rglob("*") if p.is_file()}


def sqlite_databases(tmp_path):
    yield f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}", sqlite_rows


def postgres_databases(tmp_path):
    support.postgres_tools()
    server = support.postgres_server()
    names = ["safesteps_ops_backup_source", "safesteps_ops_backup_restored"]
    try:
        yield *(support.fresh_postgres_database(server, name) for name in names), postgres_rows
    finally:
        for name in names:
            support.drop_postgres_database(server, name)


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request, tmp_path):
    """(source URL, empty target URL, how to read the rows of either)."""
    make = sqlite_databases if request.param == "sqlite" else postgres_databases
    yield from make(tmp_path)


def test_backup_restores_into_a_fresh_database_with_every_row_and_file(databases, tmp_path):
    """A backup restored into a fresh database has the same schools, pupils, progress rows and quiz answers
    (row for row), and the same media files; a second restore onto it is refused unless forced."""
    source_url, target_url, read_rows = databases
    source = production_env(source_url, tmp_path / "source", BACKUP_ROOT=str(tmp_path / "backups"))
    target = production_env(target_url, tmp_path / "target", BACKUP_ROOT=str(tmp_path / "backups"))
    run(source, "manage.py", "migrate", "--no-input", "-v0")
    seeded = json.loads(run(source, "-m", "tests.ops.seed", "backup").stdout.splitlines()[-1])

    made = run(source, "manage.py", "backup")
    directory = Path(made.stdout.strip().splitlines()[-1])
    assert directory.parent == tmp_path / "backups"
    assert json.loads((directory / "manifest.json").read_text())["media"]["files"] >= 1

    run(target, "manage.py", "restore", str(directory))

    before, after = read_rows(source_url), read_rows(target_url)
    for table in TABLES:
        assert before[table], f"the seed left {table} empty, so the comparison would prove nothing"
        assert after[table] == before[table], table
    assert len(before[Pupil._meta.db_table]) == seeded["pupils"] * 2
    assert media_files(tmp_path / "target" / "media") == media_files(tmp_path / "source" / "media")
    assert seeded["image"] in media_files(tmp_path / "target" / "media")

    refused = run(target, "manage.py", "restore", str(directory), check=False)
    assert refused.returncode != 0
    assert "not empty" in refused.stderr

    changed = production_env(target_url, tmp_path / "target")
    run(changed, "manage.py", "shell", "-c", "from quizzes.models import Answer; Answer.objects.all().delete()")
    assert not read_rows(target_url)[Answer._meta.db_table]
    run(target, "manage.py", "restore", "--force", str(directory))
    assert read_rows(target_url) == before


def test_restore_refuses_a_damaged_backup(tmp_path):
    """A backup whose database file no longer matches its manifest's checksum is refused before anything is
    written."""
    backup = tmp_path / "backups" / "20260101T000000Z"
    backup.mkdir(parents=True)
    (backup / "database.sqlite3").write_bytes(b"not the database that was backed up")
    (backup / "media.tar.gz").write_bytes(b"")
    manifest = {
        "format": 1,
        "created": "2026-01-01T00:00:00+00:00",
        "database": {"engine": "sqlite", "file": "database.sqlite3", "sha256": "0" * 64, "bytes": 1},
        "media": {"file": "media.tar.gz", "sha256": hashlib.sha256(b"").hexdigest(), "bytes": 0, "files": 0},
        "migrations": {},
    }
    (backup / "manifest.json").write_text(json.dumps(manifest))
    target = tmp_path / "restored.sqlite3"
    result = run(production_env(f"sqlite:///{target}", tmp_path), "manage.py", "restore", str(backup), check=False)
    assert result.returncode != 0
    assert "checksum" in result.stderr
    assert not target.exists() or target.stat().st_size == 0


def test_backup_refuses_a_database_that_is_not_there(tmp_path):
    """A DATABASE_URL naming a missing SQLite file gives an error naming it, creates neither the file nor a
    backup directory."""
    missing = tmp_path / "missing.sqlite3"
    result = run(production_env(f"sqlite:///{missing}", tmp_path), "manage.py", "backup", check=False)
    assert result.returncode != 0
    assert str(missing) in result.stderr
    assert not missing.exists()
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())
