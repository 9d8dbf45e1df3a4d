import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Revision

from core.models import ReportingProcedure
from curriculum.models import AgeBand, LearningOutcome, Strand
from lessons.models import LessonPage


def _snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        AgeBand.objects.count(),
        Strand.objects.count(),
        LearningOutcome.objects.count(),
        sorted(Page.objects.exclude(last_published_at=None).values_list("last_published_at", flat=True)),
    )


def test_seed_demo_twice_changes_nothing(db, capsys):
    """Running seed_demo on a seeded site adds no page, revision or snippet."""
    call_command("seed_demo")
    before = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == before
    assert "0 created, 0 updated" in capsys.readouterr().out


def test_seed_demo_has_a_complete_lesson_per_band_in_both_languages(db):
    """Each band has a lesson with steps, key message, help, notes, take-home note; the reporting procedure exists."""
    for language in ("zh-hans", "en"):
        assert ReportingProcedure.objects.filter(locale__language_code=language).exists()
        for band in AgeBand.objects.filter(locale__language_code=language):
            lessons = LessonPage.objects.live().filter(locale__language_code=language, grade__in=band.grades)
            assert lessons.exists(), (language, band)
            for lesson in lessons:
                kinds = [block.block_type for block in lesson.steps]
                assert kinds[-2:] == ["key_message", "who_can_help"]
                assert "choice" in kinds
                assert any(block.block_type == "objectives" for block in lesson.teacher_notes)
                assert lesson.take_home_note


def test_seed_demo_repairs_an_edited_lesson(db):
    """If a demo lesson was changed, seeding again restores the pack's version as a new revision."""
    lesson = LessonPage.objects.filter(locale__language_code="en").first()
    original = lesson.title
    lesson.title = "Changed"
    lesson.save_revision().publish()
    call_command("seed_demo")
    lesson.refresh_from_db()
    assert lesson.title == original


@override_settings(DEMO_DATA_ALLOWED=False)
def test_seed_demo_refuses_where_demo_data_is_off(db):
    """Production settings switch seed_demo off."""
    with pytest.raises(CommandError, match="switched off"):
        call_command("seed_demo")
