import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections
from django.utils import translation
from wagtail.models import Locale
from wagtail.signal_handlers import disable_reference_index_auto_update

from contentpack.importer import import_pack
from contentpack.reader import STARTER_PACK, load_pack
from home.models import HomePage
from lessons.models import AgeBandPage, LessonPage

from . import database
from .factories import UserFactory


def pytest_configure(config):
    """`--create-db` builds the SQLite template again: the main process forgets it before any worker starts."""
    if config.getvalue("create_db") and not hasattr(config, "workerinput"):
        database.forget_templates()


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` with the browser tests as one group, whatever pytest-xdist can read from the marker.

    pytest-xdist 3.8 groups tests by a suffix it writes into each test's node id, which pytest 9.2 no longer
    reads back: every test became a group of its own and both workers started a Chromium and a live server.
    Here the group is the folder (tests/browser/), as tests/browser/conftest.py marks it. Groups are dealt out
    largest first, so the browser group starts at once on one worker and the other takes the rest test by test;
    the browser worker joins in on the rest when its group is done."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class BrowserGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid):
            return "browser" if nodeid.startswith("tests/browser/") else super()._split_scope(nodeid)

    return BrowserGroupScheduling(config, log)


def pytest_collection_modifyitems(items):
    """Tests that need no database run first (pytest-django puts them last, as Django does): while the first
    process builds the test database (tests/database.py), the other processes have work that needs none."""
    items.sort(key=uses_the_database)


def uses_the_database(item):
    return bool(item.get_closest_marker("django_db")) or "django_db_setup" in getattr(item, "fixturenames", ())


def import_starter_pack():
    """The starter pack, imported as `seed_demo` would.

    Wagtail's reference index (the admin's "usage" counts) is not updated during the import: no test reads
    it, and it was a fifth of the import's time. The search index is, since the search tests need it.
    """
    with disable_reference_index_auto_update():
        import_pack(load_pack())


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """Every test database starts migrated and with the starter pack imported (tests/database.py).

    SQLite: built once (per checkout and key, under a file lock) and copied into each process's in-memory
    database. Elsewhere: created as pytest-django does (`--reuse-db` keeps it), the pack imported when missing.
    """
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    verbosity = request.config.option.verbose
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    if not django_db_use_migrations:
        _disable_migrations()
    with django_db_blocker.unblock():
        if database.in_memory_sqlite() and django_db_use_migrations:
            keep = False  # nothing to keep: the template is the copy that lasts
            template = database.TEMPLATES / f"{database.template_key(STARTER_PACK)}.sqlite3"
            with database.locked(template.with_suffix(".lock")):
                if not template.exists():
                    db_cfg = setup_databases(verbosity=verbosity, interactive=False, aliases=aliases)
                    import_starter_pack()
                    database.save_template(template)
                else:
                    db_cfg = database.load_template(template)
            for alias in serialized_aliases:
                connection = connections[alias]
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
        else:
            keep = django_db_keepdb
            db_cfg = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                **({"keepdb": True} if django_db_keepdb and not django_db_createdb else {}),
            )
            if not HomePage.objects.exists():  # a database kept by --reuse-db has it already
                import_starter_pack()

    yield

    if not keep:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=verbosity)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request of the test before (LocaleMiddleware) leaves
    its language active in the thread, which made some tests pass or fail by the order they ran in."""
    translation.deactivate()


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
