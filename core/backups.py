"""Backups of the database and the media files (`manage.py backup`), and their restore (`manage.py restore`).

A backup is one directory under BACKUP_ROOT named by its UTC time (`20261202T083000Z`), holding:
- `database.dump`: PostgreSQL's custom format from `pg_dump -Fc` (restored by `pg_restore`), or
  `database.sqlite3`: a copy made with SQLite's online backup API (consistent while the site writes);
- `media.tar.gz`: everything under MEDIA_ROOT (uploaded images and documents);
- `manifest.json`: when, which database engine, each file's size and SHA-256, and the last migration of
  every app, so a restore can check the files and refuse a backup newer than the code.

The directory is written as `<name>.partial` and renamed when complete: a backup that stopped half-way is
never taken for a whole one. A restore refuses a database that has tables, or a media directory that has
files, unless it is told to replace them (`force`).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from .caching import purge_site

MANIFEST = "manifest.json"
FORMAT = 1
PARTIAL = ".partial"
POSTGRESQL = "postgresql"
SQLITE = "sqlite"
DATABASE_FILES = {POSTGRESQL: "database.dump", SQLITE: "database.sqlite3"}
MEDIA_FILE = "media.tar.gz"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def database_kind(database=None):
    engine = (database or settings.DATABASES["default"])["ENGINE"]
    if "postgresql" in engine:
        return POSTGRESQL
    if "sqlite3" in engine:
        return SQLITE
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


def postgres_environment(database):
    """libpq's variables for pg_dump / pg_restore: the password never appears on a command line."""
    env = {**os.environ, "PGDATABASE": str(database["NAME"])}
    for key, variable in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")]:
        if database.get(key):
            env[variable] = str(database[key])
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found: install PostgreSQL's client tools (postgresql-client).")
    return path


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")


def _sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _describe(path):
    return {"file": path.name, "bytes": path.stat().st_size, "sha256": _sha256(path)}


def _sqlite_path(database):
    name = str(database["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"The SQLite database {name!r} is not a file; nothing to back up.")
    return Path(name)


def _copy_sqlite(source, target):
    """SQLite's online backup API: a consistent copy even while other connections write."""
    with (
        closing(sqlite3.connect(f"file:{quote(str(source))}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def applied_migrations():
    """{app: name of its last applied migration} of the current database."""
    last = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        last[app] = max(last.get(app, name), name)
    return last


def _dump_database(database, target):
    kind = database_kind(database)
    path = target / DATABASE_FILES[kind]
    if kind == POSTGRESQL:
        _run([_tool("pg_dump"), "--format=custom", "--file", str(path)], postgres_environment(database))
    else:
        _copy_sqlite(_sqlite_path(database), path)
    return path


def _pack_media(media_root, target):
    """Every file under MEDIA_ROOT in one archive (an empty archive when there is none yet)."""
    path = target / MEDIA_FILE
    files = 0
    with tarfile.open(path, "w:gz") as archive:
        if media_root.is_dir():
            for item in sorted(media_root.rglob("*")):
                if item.is_file() and not item.is_symlink():
                    archive.add(item, arcname=str(item.relative_to(media_root)), recursive=False)
                    files += 1
    return path, files


def make_backup(*, root=None, now=None):
    """Back up the default database and MEDIA_ROOT into a new directory under `root`; returns its path."""
    database = settings.DATABASES["default"]
    kind = database_kind(database)
    if kind == SQLITE and not _sqlite_path(database).exists():  # before Django's connection would create it
        raise BackupError(f"There is no database file at {_sqlite_path(database)}: check DATABASE_URL.")
    if database_is_empty():
        raise BackupError(f"The database {database['NAME']} has no tables: check DATABASE_URL.")
    root = Path(root or settings.BACKUP_ROOT)
    now = now or datetime.now(UTC)
    name = now.strftime("%Y%m%dT%H%M%SZ")
    suffix = 1
    while (root / name).exists() or (root / f"{name}{PARTIAL}").exists():
        suffix += 1
        name = f"{now.strftime('%Y%m%dT%H%M%SZ')}-{suffix}"
    work = root / f"{name}{PARTIAL}"
    work.mkdir(parents=True)
    try:
        migrations = applied_migrations()
        dump = _dump_database(database, work)
        media, media_files = _pack_media(Path(settings.MEDIA_ROOT), work)
        manifest = {
            "format": FORMAT,
            "created": now.isoformat(timespec="seconds"),
            "database": {"engine": kind, "name": Path(str(database["NAME"])).name, **_describe(dump)},
            "media": {"files": media_files, **_describe(media)},
            "migrations": migrations,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    final = root / name
    work.rename(final)
    return final


def latest_backup(root=None):
    """The newest complete backup under `root`, or None."""
    root = Path(root or settings.BACKUP_ROOT)
    found = sorted(path for path in root.glob("*") if (path / MANIFEST).is_file() and not path.name.endswith(PARTIAL))
    return found[-1] if found else None


def read_manifest(directory):
    """The manifest of a backup directory, after checking every file it names is there and unchanged."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{directory} is not a backup (no readable {MANIFEST}): {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{directory} has backup format {manifest.get('format')!r}; this version reads {FORMAT}.")
    for part in ("database", "media"):
        path = directory / manifest[part]["file"]
        if not path.is_file() or _sha256(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path} is missing or does not match its checksum in the manifest.")
    return manifest


def unknown_migrations(manifest):
    """Migrations the backup's database had that this code does not know (the backup is newer than the code)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(f"{app}.{name}" for app, name in manifest["migrations"].items() if (app, name) not in known)


def database_is_empty():
    try:
        with connection.cursor() as cursor:
            return not connection.introspection.table_names(cursor)
    except OperationalError as error:
        raise BackupError(f"Cannot open the database ({error}). Create it first, empty (e.g. createdb).") from error


def media_is_empty(media_root):
    return not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))


def _restore_database(database, kind, dump, *, force):
    connection.close()
    if kind == POSTGRESQL:
        command = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
        if force:
            command += ["--clean", "--if-exists"]
        _run([*command, "--dbname", str(database["NAME"]), str(dump)], postgres_environment(database))
    else:
        target = _sqlite_path(database)
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_sqlite(dump, target)


def _restore_media(archive_path, media_root):
    """Unpack next to MEDIA_ROOT first, then swap, so a failed unpack leaves the old files in place."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    unpacked = Path(tempfile.mkdtemp(prefix=f".{media_root.name}-restore-", dir=media_root.parent))
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(unpacked, filter="data")
        if media_root.exists():
            old = media_root.with_name(f".{media_root.name}-replaced")
            shutil.rmtree(old, ignore_errors=True)
            media_root.rename(old)
            shutil.rmtree(old)
        unpacked.rename(media_root)
    except BaseException:
        shutil.rmtree(unpacked, ignore_errors=True)
        raise


def restore_backup(directory, *, force=False):
    """Restore a backup into the default database and MEDIA_ROOT. Without `force`, both must be empty."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    database = settings.DATABASES["default"]
    kind = database_kind(database)
    if manifest["database"]["engine"] != kind:
        raise BackupError(f"This backup holds a {manifest['database']['engine']} database; the site uses {kind}.")
    if unknown := unknown_migrations(manifest):
        raise BackupError(
            "This backup was made by a newer version of SafeSteps (unknown migrations: "
            f"{', '.join(unknown)}). Deploy that version, then restore."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if not force:
        if not database_is_empty():
            raise BackupError("The database is not empty. Restore into a new database, or pass --force to replace it.")
        if not media_is_empty(media_root):
            raise BackupError(f"{media_root} has files. Move them away, or pass --force to replace them.")
    _restore_database(database, kind, directory / manifest["database"]["file"], force=force)
    _restore_media(directory / manifest["media"]["file"], media_root)
    return manifest


def purge_cached_pages():
    """Forget the public pages cached from the database that was there before; False when the cache (the
    database cache without its table) cannot be reached, so nothing can have been cached there."""
    try:
        purge_site()
    except DatabaseError:
        return False
    return True
