import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from curriculum.models import Strand
from lessons.models import LessonPage


@pytest.fixture(autouse=True)
def editor_reads_english(editor):
    """The admin speaks the editor's language (Chinese by default); these tests read its English words, except
    the Chinese walk (`chinese_editor`), which sets Chinese again."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()


@pytest.fixture
def lesson_pair(band_page_en, zh):
    """A simple English lesson and its Chinese translation, both published, neither out of date."""
    lesson = LessonPage(
        title="Pair lesson",
        slug="pair-lesson",
        grade=band_page_en.band.first_grade,
        summary="A lesson made by a test.",
        steps=[{"type": "key_message", "value": {"message": "Tell someone."}}],
    )
    band_page_en.add_child(instance=lesson)
    lesson.strands.set([Strand.objects.filter(locale=lesson.locale).first()])
    lesson.save_revision().publish()
    chinese = lesson.copy_for_translation(zh)
    chinese.save_revision().publish()
    return lesson, LessonPage.objects.get(pk=chinese.pk)


def lesson_form(lesson, *, message, strands=None, action="action-publish"):
    """The admin edit form of `lesson` with one key-message step, submitted with `action`."""
    data = nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "grade": lesson.grade,
            "duration_minutes": 30,
            "summary": lesson.summary,
            "steps": streamfield([("key_message", {"message": message})]),
            "teacher_notes": streamfield([]),
            "take_home_note": rich_text(""),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    data["strands"] = [s.pk for s in strands or Strand.objects.filter(locale=lesson.locale)[:1]]
    if action:
        data[action] = action
    return data
