"""Two app servers, one system: two gunicorn instances with the production settings on 127.0.0.1 share one
PostgreSQL database (safesteps_ops_scale) and one Redis database, and a pupil's requests alternate between
them. Sessions, sign-in locks, cached public pages and their purges, and progress behave as on one server.
Skipped only when PostgreSQL or Redis does not answer."""

import json
import re
import subprocess
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
import requests

from . import support

pytestmark = pytest.mark.ops

DATABASE = "safesteps_ops_scale"
REDIS = "redis://127.0.0.1:6379/13"  # a database number used by this test alone; emptied before and after
WORKERS = "2"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Cluster:
    a: str
    b: str
    plan: dict
    database_url: str


class Browser:
    """One visitor's cookies, whichever server answers. Production cookies are Secure and `__Host-`; the test
    says it came through an HTTPS proxy (X-Forwarded-Proto) and keeps sending them over HTTP to 127.0.0.1."""

    def __init__(self):
        self.session = requests.Session()
        self.session.headers["X-Forwarded-Proto"] = "https"
        self.csrf = ""

    def _keep(self, response):
        for cookie in self.session.cookies:
            cookie.secure = False
        if found := CSRF.search(response.text):
            self.csrf = found.group(1)
        return response

    def get(self, server, path):
        return self._keep(self.session.get(server + path, allow_redirects=False, timeout=60))

    def post(self, server, path, data=None):
        referer = "https://" + server.split("://", 1)[1] + path
        data = {"csrfmiddlewaretoken": self.csrf, **(data or {})}
        return self._keep(
            self.session.post(server + path, data, headers={"Referer": referer}, allow_redirects=False, timeout=60)
        )


def wait_for(url, process, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server for {url} exited with {process.returncode}")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer in {seconds} s")


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A fresh database with the starter pack and a class, and two gunicorn instances on it, stopped after."""
    server = support.postgres_server()
    if not support.redis_answers():
        pytest.skip("no Redis server answers at 127.0.0.1:6379")
    import redis

    shared_cache = redis.Redis.from_url(REDIS)
    work = tmp_path_factory.mktemp("scaleout")
    database_url = support.fresh_postgres_database(server, DATABASE)
    processes = []
    try:
        shared_cache.flushdb()
        env = support.production_env(database_url, work, REDIS_URL=REDIS)
        support.run(env, "manage.py", "migrate", "--no-input", "-v0")
        support.run(env, "manage.py", "collectstatic", "--no-input", "-v0")
        support.run(env, "manage.py", "import_content", "content/starter")
        plan = json.loads(support.run(env, "-m", "tests.ops.seed", "scale").stdout.splitlines()[-1])
        urls = []
        for _ in range(2):
            port = free_port()
            command = [str(Path(support.PYTHON).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
                       "--workers", WORKERS, "--log-level", "warning"]  # fmt: skip
            processes.append(subprocess.Popen(command, cwd=support.ROOT, env=env))  # noqa: S603
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes, strict=True):
            wait_for(f"{url}/static/css/site.css", process)
        yield Cluster(a=urls[0], b=urls[1], plan=plan, database_url=database_url)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shared_cache.flushdb()
        support.drop_postgres_database(server, DATABASE)


def sql(cluster, query, *params):
    import psycopg

    with psycopg.connect(cluster.database_url, autocommit=True) as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


def sign_in_with_card(browser, server, pupil):
    card = f"/en/class/card/{pupil['token']}/"
    assert browser.get(server, card).status_code == 200
    response = browser.post(server, card)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/class/my-lessons/")


def test_a_session_made_on_one_server_works_on_the_other(cluster):
    """A pupil signed in on A sees their lessons on B; signing out on B ends the session on A too."""
    pupil = cluster.plan["pupils"][0]
    browser = Browser()
    sign_in_with_card(browser, cluster.a, pupil)

    on_b = browser.get(cluster.b, "/en/class/my-lessons/")
    assert on_b.status_code == 200
    assert pupil["name"] in unescape(on_b.text)
    assert browser.get(cluster.a, "/en/class/my-lessons/").status_code == 200

    assert browser.post(cluster.b, "/en/sign-out/").status_code == 302
    assert browser.get(cluster.a, "/en/class/my-lessons/").status_code == 302


def test_a_sign_in_lock_counts_on_both_servers_and_holds_on_the_other(cluster):
    """Wrong passwords alternating between A and B add up to one lock (the fifth, on A), and on B the right
    password is then refused too."""
    pupil = cluster.plan["pupils"][1]
    browser = Browser()
    path = f"/en/class/{cluster.plan['code']}/home/"
    assert browser.get(cluster.a, f"/en/class/{cluster.plan['code']}/").status_code == 200
    wrong = {"name": pupil["name"], "word1": pupil["words"][0], "word2": pupil["words"][0]}
    statuses = [browser.post(server, path, wrong).status_code for server in [cluster.a, cluster.b] * 2 + [cluster.a]]
    assert statuses == [200, 200, 200, 200, 429]

    right = {"name": pupil["name"], "word1": pupil["words"][0], "word2": pupil["words"][1]}
    refused = browser.post(cluster.b, path, right)
    assert refused.status_code == 429
    assert browser.get(cluster.b, "/en/class/my-lessons/").status_code == 302  # not signed in


def test_a_publish_on_one_server_purges_the_page_the_other_cached(cluster):
    """A lesson page cached by B is served from the shared cache by A too (a silent database change does not
    show), and publishing it through A's admin makes B's next anonymous answer show the new text."""
    lesson = cluster.plan["lesson"]
    visitor = Browser()
    first = visitor.get(cluster.b, lesson["url"])
    assert first.status_code == 200
    assert lesson["summary"] in unescape(first.text)
    assert "Set-Cookie" not in first.headers

    silently = "UPDATE lessons_lessonpage SET summary = %s WHERE page_ptr_id = %s"
    assert sql(cluster, silently, "SILENT CHANGE", lesson["pk"]) == 1
    from_a = Browser().get(cluster.a, lesson["url"])
    assert "SILENT CHANGE" not in from_a.text
    assert from_a.text == first.text

    operator = Browser()
    operator.session.cookies.set(cluster.plan["session_cookie"], cluster.plan["operator_session"])
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={lesson['pk']}&next=/admin/"
    assert operator.get(cluster.a, publish).status_code == 200
    assert operator.post(cluster.a, publish).status_code == 302

    after = Browser().get(cluster.b, lesson["url"])
    assert after.status_code == 200
    assert cluster.plan["new_text"] in after.text
    assert lesson["summary"] not in unescape(after.text)


def test_progress_recorded_through_both_servers_is_one_row(cluster):
    """Steps viewed on A and B in turn move one progress row forward one step at a time."""
    pupil = cluster.plan["pupils"][2]
    lesson = cluster.plan["lesson"]
    assert lesson["steps"] > 4
    browser = Browser()
    sign_in_with_card(browser, cluster.b, pupil)
    for number, server in enumerate([cluster.a, cluster.b, cluster.a, cluster.b], start=1):
        assert browser.get(server, f"{lesson['url']}step/{number}/").status_code == 200

    query = "SELECT lesson_key, furthest_step FROM progress_lessonprogress WHERE pupil_id = %s"
    rows = sql(cluster, query, pupil["pk"])
    assert [(str(key), furthest) for key, furthest in rows] == [(lesson["key"], 4)]
