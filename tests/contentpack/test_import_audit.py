"""The content pack is the site operator's bulk load: published without review, recorded in the audit log."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import ModelLogEntry, PageLogEntry

from accounts.groups import EDITORS
from contentpack.importer import IMPORT_ACTION
from contentpack.reader import STARTER_PACK
from lessons.models import LessonPage
from tests.factories import UserFactory


@pytest.fixture
def operator(db):
    return UserFactory(is_superuser=True, email="operator@example.com")


def _change_a_lesson(pack_copy):
    path = sorted((pack_copy / "lessons").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title:", "title: Changed", 1), encoding="utf-8")


def test_import_records_the_operator_and_what_changed(pack_copy, operator):
    """import_content --operator writes one audit entry naming the operator, the pack and the changed lesson,
    and the lesson's publish entry names the operator too."""
    _change_a_lesson(pack_copy)
    call_command("import_content", str(pack_copy), "--operator", "operator@example.com")
    entry = ModelLogEntry.objects.filter(action=IMPORT_ACTION).latest("timestamp")
    assert entry.user == operator
    assert entry.data["pack"] == str(pack_copy)
    assert entry.data["operator"] == operator.get_username()
    assert entry.data["updated"] == 1 and entry.data["created"] == 0
    assert entry.data["changed"] == [entry.data["changed"][0]] and entry.data["changed"][0].startswith("lesson:")
    with translation.override("en"):
        assert "1 updated" in entry.message
    published = PageLogEntry.objects.filter(action="wagtail.publish").latest("timestamp")
    assert published.user == operator
    assert published.uuid == entry.uuid  # one log context: the whole import reads as one action
    assert LessonPage.objects.get(pk=published.page_id).title.startswith("Changed")


def test_import_publishes_without_the_review_and_cancels_one_in_progress(pack_copy, operator):
    """The operator's import is live at once; a review in progress on the changed lesson is cancelled, so the
    editor's older draft can no longer be approved over the pack's text."""
    lesson = LessonPage.objects.get(locale__language_code="zh-hans", slug="wo-de-shen-ti-wo-zuo-zhu")
    editor = UserFactory(groups=[EDITORS], email="cms@example.com")
    draft = lesson.get_latest_revision_as_object()
    draft.title = "An editor's draft"
    draft.save_revision(user=editor)
    state = lesson.get_workflow().start(lesson, editor)
    _change_a_lesson(pack_copy)
    call_command("import_content", str(pack_copy), "--operator", operator.email)
    lesson.refresh_from_db()
    state.refresh_from_db()
    assert lesson.live and lesson.title.startswith("Changed")
    assert state.status == state.STATUS_CANCELLED
    assert not lesson.workflow_in_progress


@pytest.mark.parametrize("name", ["cms@example.com", "nobody@example.com"])
def test_only_the_operator_may_import(db, name):
    """An editor's (or an unknown) account is refused before anything is read or written."""
    UserFactory(groups=[EDITORS], email="cms@example.com")
    with pytest.raises(CommandError, match="not an active superuser"):
        call_command("import_content", str(STARTER_PACK), "--operator", name)
    assert not ModelLogEntry.objects.filter(action=IMPORT_ACTION, user__email=name).exists()
