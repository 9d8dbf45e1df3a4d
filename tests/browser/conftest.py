"""Browser tests: Debian's Chromium driven by Playwright, with axe-core checking every screen."""

import os
import shutil

import pytest
from django.db import connections
from pytest_django.live_server_helper import LiveServer

from contentpack.importer import import_pack
from contentpack.reader import load_pack
from home.models import HomePage

# Playwright's sync API keeps an event loop in the test thread; the ORM calls here are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def shares_the_test_connection():
    """Whether the server thread will use the tests' own connection (SQLite's in-memory test database).

    Then it sees each test's transaction, so a test runs in a transaction rolled back afterwards and the
    pack imported once per run stays. Elsewhere (PostgreSQL) the server has its own connection: tests
    commit (`transactional_db`, which empties the database) and the pack is imported again when missing.
    """
    return all(conn.vendor == "sqlite" and not conn.settings_dict["TEST"].get("NAME") for conn in connections.all())


SHARED_CONNECTION = shares_the_test_connection()


def pytest_collection_modifyitems(config, items):
    """Browser tests run in one xdist worker (`--dist loadgroup`): one Chromium and one live server, while
    the other workers run the rest of the suite."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))
            item.add_marker(pytest.mark.django_db(transaction=not SHARED_CONNECTION))


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def shared_live_server(django_db_setup, django_db_blocker):
    """One server for the whole run. pytest-django's `live_server` forces `transactional_db`, which empties the
    database after every test and made each test re-import the starter pack."""
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def site(shared_live_server):
    """The live server with the starter pack in its database (see `shares_the_test_connection`)."""
    if SHARED_CONNECTION:
        shared = shared_live_server.thread.connections_override  # the dict the server's threads read
        for conn in connections.all():
            if shared.get(conn.alias) is not conn:  # the test's connection is not the one the server started with
                conn.inc_thread_sharing()
                shared[conn.alias] = conn
    elif not HomePage.objects.exists():
        import_pack(load_pack())
    return shared_live_server


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def phone(browser):
    """A pupil-sized screen."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def assert_accessible():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(tab):
        results = axe.run(tab)
        assert results.violations_count == 0, f"{tab.url}\n{results.generate_report()}"

    return check
