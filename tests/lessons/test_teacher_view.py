import json

import pytest

from tests.factories import LessonPageFactory


@pytest.fixture
def noted_lesson(band_page_en):
    return LessonPageFactory(parent=band_page_en, step_count=6)


def test_anonymous_visitors_never_see_teacher_notes(client, noted_lesson):
    """The whole-lesson view has no teacher notes for a visitor who is not signed in."""
    for url in (noted_lesson.url, noted_lesson.url + "plan/", noted_lesson.url + "step/1/"):
        html = client.get(url).content.decode()
        assert "SECRET-TEACHER-NOTE" not in html
        assert "Teacher notes" not in html


def test_signed_in_users_without_the_permission_see_no_notes(client, noted_lesson):
    """Signing in is not enough: the view_teacher_notes permission is needed."""
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert "SECRET-TEACHER-NOTE" not in client.get(noted_lesson.url + "plan/").content.decode()


def test_teachers_see_notes_on_the_whole_lesson_view(client, teacher, noted_lesson):
    """A user in the Teachers group sees the notes, and the page is not cached for others."""
    client.force_login(teacher)
    response = client.get(noted_lesson.url + "plan/")
    assert "SECRET-TEACHER-NOTE" in response.content.decode()
    assert "private" in response.headers["Cache-Control"]
    assert "no-store" in response.headers["Cache-Control"]


def test_teachers_group_has_no_admin_access(teacher):
    """Teachers are never Wagtail admin users."""
    assert teacher.has_perm("lessons.view_teacher_notes")
    assert not teacher.has_perm("wagtailadmin.access_admin")


def test_plan_shows_every_step_with_all_feedback(client, lesson_en):
    """The whole lesson is on one page: every step, every option's feedback, the take-home note."""
    response = client.get(lesson_en.url + "plan/")
    html = response.content.decode()
    assert html.count('class="plan-step ') == len(lesson_en.steps)
    assert "Take-home note for families" in html


def test_plan_is_printable(client, lesson_en):
    """The stylesheet has print rules that hide navigation and the help panel."""
    from django.contrib.staticfiles import finders

    with open(finders.find("css/site.css"), encoding="utf-8") as handle:
        css = handle.read()
    assert "@media print" in css
    assert "data-print" in client.get(lesson_en.url + "plan/").content.decode()


def test_api_never_exposes_teacher_notes(client, teacher, noted_lesson):
    """The API has no teacher notes, even for a teacher, and refuses to be asked for them."""
    client.force_login(teacher)
    detail = client.get(f"/api/v2/pages/{noted_lesson.pk}/")
    assert detail.status_code == 200
    assert "SECRET-TEACHER-NOTE" not in detail.content.decode()
    assert "teacher_notes" not in detail.json()
    listing = client.get("/api/v2/pages/", {"type": "lessons.LessonPage", "fields": "*"})
    assert "SECRET-TEACHER-NOTE" not in listing.content.decode()
    asked = client.get("/api/v2/pages/", {"type": "lessons.LessonPage", "fields": "teacher_notes"})
    assert asked.status_code == 400


def test_api_lists_lessons_with_grade_band_strands_and_locale(client, lesson_en, lesson_zh):
    """Each lesson in the API carries grade, age band, strands, duration, summary and locale."""
    data = client.get("/api/v2/pages/", {"type": "lessons.LessonPage", "fields": "*", "limit": 50}).json()
    items = {item["id"]: item for item in data["items"]}
    english = items[lesson_en.pk]
    assert english["grade"] == lesson_en.grade
    assert english["age_band"]["key"] == "little-steps"
    assert english["strands"] == [{"key": s.slug, "name": s.name} for s in lesson_en.strands.all()]
    assert english["duration_minutes"] == lesson_en.duration_minutes
    assert english["summary"] == lesson_en.summary
    assert english["meta"]["locale"] == "en"
    assert items[lesson_zh.pk]["meta"]["locale"] == "zh-hans"
    assert items[lesson_zh.pk]["age_band"]["name"] != english["age_band"]["name"]
    json.dumps(data)


def test_api_listing_query_count_does_not_grow(client, band_page_en, django_assert_max_num_queries):
    """Listing 10 more lessons through the API costs no extra queries."""
    params = {"type": "lessons.LessonPage", "fields": "*", "limit": 50}
    client.get("/api/v2/pages/", params)
    with django_assert_max_num_queries(30) as before:
        client.get("/api/v2/pages/", params)
    for _ in range(10):
        LessonPageFactory(parent=band_page_en, step_count=5)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert len(client.get("/api/v2/pages/", params).json()["items"]) >= 10


def test_lesson_screens_are_cacheable_for_visitors_only(client, teacher, lesson_en):
    """Anonymous visitors get a public, cacheable lesson; a signed-in user's copy is private."""
    for route in ("", "step/1/", "plan/"):
        assert "public" in client.get(lesson_en.url + route).headers["Cache-Control"]
    client.force_login(teacher)
    for route in ("", "step/1/"):
        assert "private" in client.get(lesson_en.url + route).headers["Cache-Control"]


def test_whole_lesson_page_shows_answers_only_to_teachers(client, teacher, lesson_en):
    """The whole-lesson page may be projected: without teacher rights it lists the options but not the safe one."""
    public = client.get(f"{lesson_en.url}plan/").content.decode()
    client.force_login(teacher)
    for_teacher = client.get(f"{lesson_en.url}plan/").content.decode()
    assert "Safe choice" in for_teacher
    assert "Safe choice" not in public and "choice-option--safe" not in public
