import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from lessons.models import LessonPage


def _form(grade, strand):
    data = nested_form_data(
        {
            "title": "Test lesson",
            "slug": "test-lesson",
            "grade": grade,
            "duration_minutes": 30,
            "summary": "Summary",
            "steps": streamfield([("key_message", {"message": "It is never your fault."})]),
            "teacher_notes": streamfield([]),
            "take_home_note": rich_text(""),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    data["strands"] = [strand.pk]
    return data


def _add_url(band_page):
    return reverse("wagtailadmin_pages:add", args=("lessons", "lessonpage", band_page.pk))


def test_editor_gets_clear_error_for_grade_outside_band(client, editor, band_page_en):
    """A grade 7 lesson under grades 1–3 is refused with a message naming the band's grades."""
    client.force_login(editor)
    strand = band_page_en.band.outcomes.first().strand
    response = client.post(_add_url(band_page_en), _form(7, strand))
    assert response.status_code == 200
    (error,) = response.context["form"].errors["grade"]
    assert "1–3" in error
    assert not LessonPage.objects.filter(slug="test-lesson").exists()


def test_editor_can_add_lesson_with_grade_inside_band(client, editor, band_page_en):
    """The same form with grade 2 creates the lesson."""
    client.force_login(editor)
    strand = band_page_en.band.outcomes.first().strand
    response = client.post(_add_url(band_page_en), _form(2, strand))
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert LessonPage.objects.get(slug="test-lesson").grade == 2


@pytest.mark.parametrize("grade", [0, 10, "x"])
def test_impossible_grades_are_refused(client, editor, band_page_en, grade):
    """Grades outside 1–9 never reach the database."""
    client.force_login(editor)
    strand = band_page_en.band.outcomes.first().strand
    response = client.post(_add_url(band_page_en), _form(grade, strand))
    assert response.status_code == 200
    assert not LessonPage.objects.filter(slug="test-lesson").exists()


def test_strands_from_another_language_are_refused(client, editor, band_page_en, zh):
    """An English lesson cannot be tagged with a Chinese strand."""
    from curriculum.models import Strand

    client.force_login(editor)
    response = client.post(_add_url(band_page_en), _form(2, Strand.objects.filter(locale=zh).first()))
    assert response.status_code == 200
    assert not LessonPage.objects.filter(slug="test-lesson").exists()


CHOICE = {
    "prompt": "What would you do?",
    "options": [
        {"text": "Tell an adult", "feedback": "Yes, that helps.", "safe": True},
        {"text": "Keep it secret", "feedback": "Secrets like this should be told.", "safe": False},
    ],
}


@pytest.fixture
def translated_lesson(band_page_en, zh):
    """An English lesson with a choice step, and its Chinese translation with the same steps."""
    lesson = LessonPage(
        title="Shape lesson",
        slug="shape-lesson",
        grade=band_page_en.band.first_grade,
        summary="A lesson made by a test.",
        steps=[{"type": "choice", "value": CHOICE}, {"type": "key_message", "value": {"message": "Tell someone."}}],
    )
    band_page_en.add_child(instance=lesson)
    lesson.save_revision().publish()
    lesson.copy_for_translation(zh).save_revision().publish()
    return lesson


def _edit_steps(client, editor, lesson, options, *, key_message=True):
    """Save a draft of `lesson` whose choice step has `options` [(text, safe)]; the messages shown after it."""
    from django.contrib.messages import get_messages
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    items = [("choice", {"prompt": CHOICE["prompt"], "options": _list(options)})]
    if key_message:
        items.append(("key_message", {"message": "Tell someone."}))
    data = _form(lesson.grade, lesson.strands.first() or _strand(lesson))
    data.update(nested_form_data({"steps": streamfield(items)}))
    data.update(title=lesson.title, slug=lesson.slug)
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return [str(message) for message in get_messages(response.wsgi_request)]


def _list(options):
    data = {
        str(n): {"value": {"text": text, "feedback": "Feedback.", "safe": safe}, "deleted": "", "order": str(n)}
        for n, (text, safe) in enumerate(options)
    }
    data["count"] = str(len(options))
    return data


def _strand(lesson):
    from curriculum.models import Strand

    return Strand.objects.filter(locale=lesson.locale).first()


WARNING = "The English and 简体中文 steps differ in type, order or choices; keep them the same"


def test_changing_which_option_is_safe_saves_with_a_warning(client, editor, translated_lesson):
    """A save that makes the steps differ from the translation goes through, and the editor is warned with the
    content pack's message."""
    messages = _edit_steps(client, editor, translated_lesson, [("Tell an adult", False), ("Keep it secret", True)])
    assert WARNING in messages
    latest = LessonPage.objects.get(pk=translated_lesson.pk).get_latest_revision_as_object()
    assert [option["safe"] for option in latest.steps[0].value["options"]] == [False, True]


def test_removing_a_step_in_one_language_warns(client, editor, translated_lesson):
    """Fewer steps than the translation: the same warning."""
    messages = _edit_steps(
        client, editor, translated_lesson, [("Tell an adult", True), ("Keep it secret", False)], key_message=False
    )
    assert WARNING in messages


def test_rewording_a_lesson_keeps_quiet(client, editor, translated_lesson):
    """New words in the same steps and options are no reason for a warning."""
    messages = _edit_steps(client, editor, translated_lesson, [("Tell a grown-up", True), ("Say nothing", False)])
    assert messages and not any("differ" in message for message in messages)
