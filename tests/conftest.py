import pytest
from wagtail.models import Locale

from contentpack.importer import import_pack
from contentpack.reader import load_pack
from lessons.models import AgeBandPage, LessonPage

from .factories import UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the starter pack imported once, as `seed_demo` would."""
    with django_db_blocker.unblock():
        import_pack(load_pack())


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
    return UserFactory(groups=["Teachers"])


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
