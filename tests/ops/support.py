"""Helpers for the ops tests (marker `ops`): they make their own databases (SQLite files, or PostgreSQL
databases named safesteps_ops_*), fill them and run the site's commands and servers in processes of their
own, with the production settings, never inside the test's transaction."""

import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(Path(sys.executable))
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432"
COMMAND_SECONDS = 900


def production_env(database_url, work, **extra):
    """The environment of a production app server on 127.0.0.1 over this database; files go under `work`."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_hex(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": str(work / "media"),
        "BACKUP_ROOT": str(work / "backups"),
        "STATIC_ROOT": str(work / "static"),
        "PYTHONPATH": str(ROOT),
    }
    for name in ("REDIS_URL", "CACHE_BACKEND", "CACHE_LOCATION"):
        env.pop(name, None)
    return {**env, **extra}


def run(env, *args, check=True):
    """`python <args>` in the project directory; on failure, the command's own output is the message."""
    result = subprocess.run(  # noqa: S603
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=COMMAND_SECONDS, check=False
    )
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def postgres_server():
    """The PostgreSQL server the suite uses (DATABASE_URL's, else 127.0.0.1:5432), or a skip saying why not."""
    url = os.environ.get("DATABASE_URL", "")
    server = url.rsplit("/", 1)[0] if url.startswith(("postgres://", "postgresql://")) else DEFAULT_POSTGRES
    import psycopg

    try:
        with psycopg.connect(f"{server}/postgres", connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as error:
        pytest.skip(f"no PostgreSQL server answers at {server.split('@')[-1]}: {error}".strip())
    return server


def fresh_postgres_database(server, name):
    """Drop and create the database `name` (always safesteps_ops_*); returns its URL."""
    assert name.startswith("safesteps_ops_")
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def drop_postgres_database(server, name):
    assert name.startswith("safesteps_ops_")
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_tools():
    """pg_dump and pg_restore on PATH, or a skip naming the package that has them."""
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (Debian: apt-get install postgresql-client)")


def redis_answers(host="127.0.0.1", port=6379):
    try:
        with socket.create_connection((host, port), timeout=2) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False
