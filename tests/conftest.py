import os

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from wagtail.models import Locale
from wagtail.signal_handlers import disable_reference_index_auto_update

from contentpack.importer import import_pack
from contentpack.reader import load_pack
from home.models import HomePage
from lessons.models import AgeBandPage, LessonPage

from .factories import UserFactory


def keeps_the_database(config):
    """`--reuse-db` (local runs only, never CI): SQLite keeps the test database in a file between runs."""
    return bool(config.getvalue("reuse_db"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, request):
    """SQLite's test database is in memory, which `--reuse-db` cannot keep: with that option it is a file
    (one per xdist worker), so the next run skips the migrations and the pack import."""
    if keeps_the_database(request.config):
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        for alias, db in settings.DATABASES.items():
            if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
                db.setdefault("TEST", {})["NAME"] = str(settings.BASE_DIR / f".test-{alias}-{worker}.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the starter pack imported once, as `seed_demo` would.

    Wagtail's reference index (the admin's "usage" counts) is not updated during the import: no test reads
    it, and it was a fifth of the import's time. The search index is, since the search tests need it.
    """
    with django_db_blocker.unblock(), disable_reference_index_auto_update():
        if not HomePage.objects.exists():  # a database kept by --reuse-db has it already
            import_pack(load_pack())


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a page cached by one test is never served to the next, whose
    database may differ."""
    cache.clear()


# The product's default shared cache (config/settings/base.py): the table is made by the classrooms migrations.
DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "safesteps_cache"}}


@pytest.fixture
def shared_cache(db, settings):
    """The cache every process of the product shares (the database cache), for tests of throttles, locks and
    sign-in windows: counted there, never in one process's memory (the rest of the suite keeps LocMemCache, whose
    query counts the pinned tests rely on). Rolled back with the test's transaction."""
    settings.CACHES = DATABASE_CACHE
    cache.clear()
    assert isinstance(caches["default"], DatabaseCache)
    yield caches["default"]


@pytest.fixture
def zh(db):
    return Locale.objects.get(language_code="zh-hans")


@pytest.fixture
def en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def band_page_en(en):
    """The English page of grades 1–3."""
    return AgeBandPage.objects.get(locale=en, band__first_grade=1)


@pytest.fixture
def lesson_en(en):
    return LessonPage.objects.filter(locale=en).order_by("grade", "path").first()


@pytest.fixture
def lesson_zh(lesson_en, zh):
    return lesson_en.get_translation(zh)


@pytest.fixture
def teacher(db):
    """A user in the "Teachers" group: may see teacher notes, has no Wagtail admin access."""
    return UserFactory(groups=["Teachers"], email="teacher@example.com")


@pytest.fixture
def editor(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def pack_copy(tmp_path):
    """A writable copy of the starter content pack."""
    import shutil

    from contentpack.reader import STARTER_PACK

    root = tmp_path / "pack"
    shutil.copytree(STARTER_PACK, root)
    return root


@pytest.fixture
def database_tasks(db, settings):
    """Tasks go to the database queue, as in production and `make run`, instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker(database_tasks, monkeypatch):
    """Runs the task worker (`manage.py task_worker --batch`: every task that is due, then it stops) in the test.

    The worker drops stale database connections between tasks; here that would end the test's own transaction,
    which holds the test's data, so it is switched off. The worker's signal handlers are put back afterwards."""
    import io
    import signal

    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run():
        out = io.StringIO()
        try:
            call_command("task_worker", batch=True, startup_delay=False, reload=False, stdout=out)
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
        return out.getvalue()

    return run
