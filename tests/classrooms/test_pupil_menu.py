import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from lessons.models import AgeBandPage, CurriculumPage, LessonPage
from parents.models import ParentsIndexPage


def _forbidden_urls():
    """Every page a grade-2 pupil is not offered: grade 7–9 lessons, their band, and the whole parents' section."""
    lessons = LessonPage.objects.live().filter(grade__gte=7)
    bands = AgeBandPage.objects.live().filter(band__first_grade=7)
    parents = [
        page for index in ParentsIndexPage.objects.live() for page in Page.objects.descendant_of(index, inclusive=True)
    ]
    return {page.url for page in [*lessons, *bands, *parents]}


def _hrefs(html):
    return set(re.findall(r'href="([^"#?]*)', html))


def _pupil_pages(client, assignment):
    lesson = assignment.lesson
    return {
        "my lessons": client.get(reverse("progress:my_lessons")),
        "lesson": client.get(lesson.url),
        "step": client.get(f"{lesson.url}step/1/"),
        "quiz": client.get(f"{lesson.url}quiz/", follow=True),
        "question": client.get(f"{lesson.url}quiz/start/", follow=True),
    }


def test_a_grade_2_pupil_is_offered_no_older_lessons_and_no_parents_section(client, pupil, assignment):
    """My lessons, a lesson, a step and the quiz link to no grade 7–9 lesson or band, nor to the parents' pages."""
    forbidden = _forbidden_urls()
    assert forbidden
    client.force_login(pupil.user)
    for name, response in _pupil_pages(client, assignment).items():
        assert response.status_code == 200, name
        html = response.content.decode()
        assert not _hrefs(html) & forbidden, name
        assert 'class="main-nav"' not in html, name
        assert 'class="class-nav"' in html, name


def test_the_pupil_header_has_my_lessons_get_help_and_sign_out_only(client, pupil, assignment):
    """The pupil's header: My lessons, Get help, Sign out and the language switch; no Curriculum or For parents."""
    client.force_login(pupil.user)
    with translation.override("en"):
        html = client.get(reverse("progress:my_lessons")).content.decode()
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    assert "My lessons" in header
    assert "Get help" in header
    assert "Sign out" in header
    assert "Curriculum" not in header
    assert "For parents" not in header


def test_the_map_band_pages_and_home_send_a_pupil_to_my_lessons(client, pupil, en):
    """The curriculum map and band pages lead a pupil home, and home is My lessons."""
    client.force_login(pupil.user)
    curriculum = CurriculumPage.objects.get(locale=en)
    band = AgeBandPage.objects.get(locale=en, band__first_grade=7)
    for page in (curriculum, band):
        response = client.get(page.url)
        assert response.status_code == 302
        assert response.headers["Location"] == "/en/"
    home = client.get("/en/")
    with translation.override("en"):
        assert home.headers["Location"] == reverse("progress:my_lessons")


def test_a_pupil_may_still_open_an_assigned_lesson_of_another_band(client, pupil, en):
    """Lessons themselves stay open: a teacher may assign a lesson of another band."""
    client.force_login(pupil.user)
    lesson = LessonPage.objects.live().filter(locale=en, grade=8).first()
    assert client.get(f"{lesson.url}step/1/").status_code == 200


def test_visitors_see_a_teacher_sign_in_link_in_the_header(client, lesson_en):
    """Anonymous visitors find both sign-ins in the header."""
    header = client.get(lesson_en.url).content.decode().split("<header", 1)[1].split("</header>", 1)[0]
    assert f'href="{reverse("classrooms:staff_login")}"' in header
    assert "Teacher sign-in" in header


@pytest.mark.parametrize("name", ["Curriculum", "For parents"])
def test_staff_and_visitors_keep_the_full_menu(client, teacher, lesson_en, name):
    """Only pupils lose the sections: a teacher still sees Curriculum and For parents."""
    client.force_login(teacher)
    header = client.get(lesson_en.url).content.decode().split("<header", 1)[1].split("</header>", 1)[0]
    assert name in header
