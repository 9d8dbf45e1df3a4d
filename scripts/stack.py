"""A production-like SafeSteps on 127.0.0.1 for the load test and the benchmarks (scripts/load/run.py,
scripts/bench_pupil.py, scripts/bench_public.py).

`Stack` makes a fresh database (PostgreSQL at 127.0.0.1:5432 when it answers, created and dropped here,
else an SQLite file), uses Redis at 127.0.0.1:6379 when it answers (under a key prefix of its own, so runs
and other users of the same Redis never see each other's keys), else the database cache; migrates, collects
static files, imports the starter pack, and starts gunicorn with the production settings. Nothing here is
imported by the site itself.
"""

import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/0"


def answers(host, port, payload=None):
    """Whether something listens on host:port (and, given a payload, answers it)."""
    try:
        with socket.create_connection((host, port), timeout=1) as conn:
            if payload:
                conn.sendall(payload)
                return bool(conn.recv(16))
            return True
    except OSError:
        return False


def postgres(statement):
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def databases():
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        return {name for (name,) in conn.execute("SELECT datname FROM pg_database")}


def fingerprint():
    """What a prepared database depends on: every migration, the starter pack and the pack's code."""
    digest = hashlib.sha256()
    files = [*ROOT.glob("*/migrations/*.py"), *ROOT.glob("content/**/*"), *ROOT.glob("contentpack/**/*.py")]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own server on 127.0.0.1)
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server at {url} did not answer in {seconds} s")


def load_average():
    """The machine's 1-minute load average, printed beside every figure (the machine is shared)."""
    return os.getloadavg()[0]


class Stack:
    """with Stack(name="safesteps_bench", sqlite=False) as stack: stack.manage(...); url = stack.serve(workers=2)"""

    def __init__(self, *, name, sqlite=False, keep=False, fresh=False):
        self.work = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        self.name = f"{name}_{secrets.token_hex(3)}"
        self.keep = keep
        self.fresh = fresh
        self.postgres = not sqlite and answers("127.0.0.1", 5432)
        if self.postgres:
            try:
                postgres(f'CREATE DATABASE "{self.name}"')
            except Exception as error:  # noqa: BLE001 (any failure: fall back to SQLite, and say so)
                print(f"== PostgreSQL answers but refused a new database ({error}): SQLite instead", flush=True)
                self.postgres = False
        database = f"{PG_SERVER}/{self.name}" if self.postgres else f"sqlite:///{self.work / 'db.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_hex(32),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database,
            "SECURE_SSL_REDIRECT": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "CACHE_KEY_PREFIX": self.name,
        }
        for name in ("REDIS_URL", "CACHE_BACKEND", "CACHE_LOCATION"):
            self.env.pop(name, None)
        if not sqlite and answers("127.0.0.1", 6379, b"PING\r\n"):
            self.env["REDIS_URL"] = REDIS
        self.servers = []

    def describe(self):
        database = f"PostgreSQL ({self.name})" if self.postgres else "SQLite"
        cache = f"Redis (prefix {self.name})" if "REDIS_URL" in self.env else "the database cache"
        return f"{database}, {cache}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        if not self.keep:
            if self.postgres:
                postgres(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            if "REDIS_URL" in self.env:
                self.clear_redis()
            shutil.rmtree(self.work, ignore_errors=True)

    def clear_redis(self):
        import redis

        client = redis.Redis.from_url(REDIS)
        for key in client.scan_iter(match=f"{self.name}:*", count=1000):
            client.delete(key)

    def python(self, *args, capture=False, root=ROOT):
        result = subprocess.run(  # noqa: S603
            [str(BIN / "python"), *args], cwd=root, env=self.env, check=True, capture_output=capture, text=True
        )
        return result.stdout

    def manage(self, *args, capture=False, root=ROOT):
        return self.python("manage.py", *args, capture=capture, root=root)

    def checkout(self, revision):
        """The code of another git revision (say, before a change) in a directory of its own, ready to serve
        against this stack's database: for before/after comparisons on the same data at the same moment."""
        root = self.work / f"code-{revision}"
        root.mkdir()
        command = ["git", "archive", revision]
        archive = subprocess.run(command, cwd=ROOT, check=True, capture_output=True).stdout  # noqa: S603
        subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)  # noqa: S603, S607
        self.manage("compilemessages", "-v0", root=root)
        self.manage("collectstatic", "--no-input", "-v0", root=root)
        return root

    def prepare(self):
        """Migrate, make the cache table, collect static files and import the starter pack. On PostgreSQL the
        result is kept as a template database named by a fingerprint of the migrations, the pack and its code
        (the previous template is dropped), so the next run copies it in seconds instead of importing again."""
        self.manage("collectstatic", "--no-input", "-v0")
        template = f"safesteps_template_{fingerprint()}"
        if self.postgres and not self.fresh and template in databases():
            postgres(f'DROP DATABASE "{self.name}"')
            postgres(f'CREATE DATABASE "{self.name}" TEMPLATE "{template}"')
            print(f"== copied the prepared database {template}", flush=True)
            return
        self.manage("migrate", "--no-input", "-v0")
        self.manage("createcachetable")
        self.manage("import_content", "content/starter", capture=True)
        if self.postgres:
            for old in databases():
                if old.startswith("safesteps_template_") and old != template:
                    postgres(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
            try:
                postgres(f'CREATE DATABASE "{template}" TEMPLATE "{self.name}"')
            except Exception as error:  # noqa: BLE001 (another run made it first: fine)
                print(f"== kept no template ({error})", flush=True)

    def serve(self, *, workers=2, extra=(), root=ROOT):
        """Start gunicorn with the production settings (this code, or a `checkout`); returns its base URL once
        it answers."""
        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
                "--chdir",
                str(root),
                *extra,
            ],  # fmt: skip
            cwd=root,
            env=self.env,
        )
        self.servers.append(server)
        url = f"http://127.0.0.1:{port}"
        wait_for(f"{url}/static/css/site.css")
        return url

    def stop(self):
        for server in self.servers:
            server.terminate()
        for server in self.servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        self.servers = []
