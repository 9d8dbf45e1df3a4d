import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from lessons.models import AgeBandPage, LessonPage
from parents.models import ParentsIndexPage
from progress.services import assign_lessons
from tests.factories import ClassroomFactory, SchoolFactory, UserFactory

PASSWORD = "correct horse battery staple"
SCREENSHOT = Path(settings.BASE_DIR) / "docs" / "present-mode.png"


def _note_phrases(lesson):
    """Sentences of the lesson's teacher notes that a page must not contain."""
    text = " ".join(strip_tags(str(block.render())) for block in lesson.teacher_notes if block.block_type != "timing")
    return [part.strip() for part in re.split(r"[.。:：;；]", text) if len(part.strip()) > 15]


def _signed_in_context(browser, site, user, **options):
    """A browser context holding a session of `user` (made by Django's test client, stored in the database)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(**options)
    host = re.sub(r"^https?://", "", site.url).split(":")[0]
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    return context


# Phone, the usual school projector and a full-HD screen. Present mode's body type is set in vmin: at the
# two projector sizes it must be at least 28 px (about the size of a classroom slide's body text).
SCREENS = [(375, 740, 0), (1366, 768, 28), (1920, 1080, 28)]


@pytest.mark.parametrize(("width", "height", "min_font_px"), SCREENS, ids=["375", "1366", "1920"])
def test_teacher_presents_a_lesson_with_the_keyboard(site, browser, assert_accessible, width, height, min_font_px):
    """A teacher opens present mode from the lesson and goes from step 1 to the end with the keys a clicker sends
    (Home and End jump to the title and the closing screen); every screen is axe clean, fits the width, uses
    large type on a projector and carries no teacher-note text."""
    teacher = UserFactory(email=f"presenter-{width}@example.com")
    # An earlier browser test may have flushed the migration-made groups: give the permission directly.
    teacher.user_permissions.add(Permission.objects.get(codename="view_teacher_notes"))
    lesson = LessonPage.objects.live().filter(locale__language_code="en", grade=2).order_by("path").first()
    phrases = _note_phrases(lesson)
    assert phrases
    context = _signed_in_context(browser, site, teacher, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{site.url}{lesson.url}")
    page.get_by_role("link", name="Present to the class").click()
    page.wait_for_url(re.compile(r"/present/$"))
    assert_accessible(page)
    total = len(lesson.steps)
    keys = ["ArrowRight", "PageDown", "Space"]
    for number in range(1, total + 2):
        page.keyboard.press(keys[number % len(keys)])
        page.wait_for_url(re.compile(rf"/present/{number}/$"))
        html = page.content()
        assert "Teacher notes" not in html
        assert not [phrase for phrase in phrases if phrase in html]
        assert page.locator(".site-header").count() == 0
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"cut off at {width} px"
        font_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.present-step')).fontSize)")
        assert font_px >= min_font_px, f"{font_px} px type at {width}×{height}"
        assert_accessible(page)
        is_choice = number <= total and lesson.steps[number - 1].block_type == "choice"
        if is_choice and width == 1920:
            page.screenshot(path=str(SCREENSHOT))
    assert page.get_by_role("heading", name="Who can help").is_visible()
    page.keyboard.press("PageUp")
    page.wait_for_url(re.compile(rf"/present/{total}/$"))
    page.keyboard.press("Home")
    page.wait_for_url(re.compile(r"/present/$"))
    page.keyboard.press("End")
    page.wait_for_url(re.compile(rf"/present/{total + 1}/$"))
    context.close()


def _grade_2_pupil_with_a_lesson(name):
    """A grade-2 class of one pupil at its own school, assigned the first English grade-2 lesson with a quiz."""
    teacher = UserFactory(email=f"{name}-teacher@example.com")
    school = SchoolFactory(name=f"{name.title()} School", teacher=teacher)
    classroom = ClassroomFactory(school=school, teacher=teacher, grade=2, pupils=1)
    lesson = (
        LessonPage.objects.live()
        .filter(locale__language_code="en", grade=2, quiz__isnull=False)
        .order_by("path")
        .first()
    )
    assign_lessons(classroom=classroom, lessons=[lesson])
    return classroom.pupils.get(), lesson


def test_a_grade_2_pupils_pages_offer_no_older_lessons(site, browser, assert_accessible):
    """A signed-in grade-2 pupil's My lessons, a step and the quiz link to no grade 7–9 lesson or parents' page."""
    pupil, lesson = _grade_2_pupil_with_a_lesson("menu")
    forbidden = {page.url for page in LessonPage.objects.live().filter(grade__gte=7)}
    forbidden |= {page.url for page in AgeBandPage.objects.live().filter(band__first_grade=7)}
    forbidden |= {page.url for page in ParentsIndexPage.objects.live()}
    context = _signed_in_context(browser, site, pupil.user, viewport={"width": 375, "height": 740})
    page = context.new_page()
    with translation.override("en"):
        my_lessons = reverse("progress:my_lessons")
    for url in (my_lessons, f"{lesson.url}step/1/", f"{lesson.url}quiz/start/"):
        page.goto(f"{site.url}{url}")
        assert_accessible(page)
        hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert not [href for href in hrefs if href.split("#")[0].split("?")[0] in forbidden], page.url
        assert page.locator(".main-nav").count() == 0
    context.close()
