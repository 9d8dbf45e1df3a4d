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
