"""`make load` / `make load-ci`: a school-sized lesson against a production-like server on 127.0.0.1.

Starts gunicorn with the production settings on a fresh database (PostgreSQL at 127.0.0.1:5432 and Redis at
127.0.0.1:6379 when they answer, else SQLite and the database cache), imports the starter pack, makes the
school (school.py), plays the lesson with Locust (locustfile.py, headless, bounded in time), counts the
answers in the database and prints one line:

    pupils=450 requests=N p95_step_ms=X p95_answer_ms=Y errors=E lost_answers=L duplicate_answers=D

It exits non-zero on any error, lost or duplicate answer.
"""

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/0"


def answers(host, port, payload=None):
    try:
        with socket.create_connection((host, port), timeout=1) as conn:
            if payload:
                conn.sendall(payload)
                return bool(conn.recv(16))
            return True
    except OSError:
        return False


def postgres_database(name):
    """A fresh PostgreSQL database for the run, or None when no server answers."""
    if not answers("127.0.0.1", 5432):
        return None
    import psycopg

    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    return f"{PG_SERVER}/{name}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(env, *args):
    subprocess.run([str(BIN / "python"), *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own server on 127.0.0.1)
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server at {url} did not answer in {seconds} s")


def stats(path):
    rows = {row["Name"]: row for row in csv.DictReader(path.open())}

    def p95(name):
        return rows[name]["95%"] if name in rows else "n/a"

    total = rows["Aggregated"]
    return int(total["Request Count"]), int(total["Failure Count"]), p95("step"), p95("answer")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--pupils", type=int, default=45, help="pupils per class")
    parser.add_argument("--sign-in-seconds", type=int, default=120)
    parser.add_argument("--quiz-at", type=int, default=240, help="seconds after the start")
    parser.add_argument("--sqlite", action="store_true", help="SQLite even when PostgreSQL runs")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="safesteps-load-"))
    database = (not args.sqlite and postgres_database("safesteps_load")) or f"sqlite:///{work / 'load.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_hex(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database,
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("REDIS_URL", None)
    if answers("127.0.0.1", 6379, b"PING\r\n"):
        env["REDIS_URL"] = REDIS
    print(f"== database {database.split('@')[-1]}, cache {env.get('REDIS_URL', 'database')}", flush=True)

    run(env, "manage.py", "migrate", "--no-input", "-v0")
    run(env, "manage.py", "createcachetable")
    run(env, "manage.py", "collectstatic", "--no-input", "-v0")
    print("== importing the starter pack", flush=True)
    run(env, "manage.py", "import_content", "content/starter")
    plan = work / "plan.json"
    run(env, str(HERE / "school.py"), "setup", "--classes", str(args.classes), "--pupils", str(args.pupils),
        "--plan", str(plan))  # fmt: skip

    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/static/css/site.css")
        users = args.classes * args.pupils + args.classes
        print(f"== {users} users, gunicorn with {args.workers} workers on 127.0.0.1:{port}", flush=True)
        locust_env = {**env, "LOAD_PLAN": str(plan), "LOAD_QUIZ_AT": str(args.quiz_at)}
        subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--host",
                f"http://127.0.0.1:{port}",
                "--users",
                str(users),
                "--spawn-rate",
                str(users / args.sign_in_seconds),
                "--run-time",
                f"{args.quiz_at + 25}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(work / "load"),
                "--loglevel",
                "WARNING",
            ],  # fmt: skip
            cwd=ROOT,
            env=locust_env,
            check=False,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)

    requests, errors, p95_step, p95_answer = stats(work / "load_stats.csv")
    counted = json.loads(
        subprocess.run(  # noqa: S603
            [str(BIN / "python"), str(HERE / "school.py"), "count", "--plan", str(plan)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    lost = counted["pupils"] - counted["answered"]
    duplicates = counted["answers"] - counted["answered"]
    print(
        f"pupils={counted['pupils']} requests={requests} p95_step_ms={p95_step} p95_answer_ms={p95_answer} "
        f"errors={errors} lost_answers={lost} duplicate_answers={duplicates}"
    )
    sys.exit(1 if errors or lost or duplicates else 0)


if __name__ == "__main__":
    main()
