"""The progress grid at real size (issue 13): 45 pupils × 30 lessons on a projector-sized and a phone screen."""

import re
from pathlib import Path

from django.utils import timezone

from classrooms.models import Membership, Role, School
from classrooms.services import roster as classroom_services
from lessons.models import AgeBandPage, LessonPage
from progress.models import LessonProgress
from progress.services import assign_lessons
from tests.core.test_names import CLASS_OF_45
from tests.factories import LessonPageFactory, UserFactory

PASSWORD = "correct horse battery staple"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "grid-45.png"


def class_of_45_with_30_lessons():
    teacher = UserFactory(email="grid-teacher@example.com", groups=["Teachers"])
    school = School.objects.create(name="Grid School")
    Membership.objects.create(user=teacher, school=school, role=Role.TEACHER)
    classroom = classroom_services.create_classroom(school=school, name="二年级 2 班", grade=2, teacher=teacher)
    classroom_services.add_pupils(classroom=classroom, names=CLASS_OF_45)
    band = AgeBandPage.objects.get(locale__language_code="en", band__first_grade=1)
    pages = list(LessonPage.objects.live().filter(locale__language_code="en").order_by("grade", "path"))
    while len(pages) < 30:
        pages.append(LessonPageFactory(parent=band, step_count=3, title=f"Extra lesson {len(pages)}"))
    assign_lessons(classroom=classroom, lessons=pages[:30], due_date=timezone.localdate())
    for index, pupil in enumerate(classroom.pupils.all()):
        for lesson in pages[: 30 : 1 + index % 3]:
            LessonProgress.objects.create(
                pupil=pupil,
                lesson_key=lesson.translation_key,
                furthest_step=2,
                total_steps=3,
                completed_at=timezone.now() if index % 2 else None,
            )
    return teacher, classroom


def sign_in(tab, site, teacher):
    tab.goto(f"{site.url}/en/teach/login/")
    tab.get_by_label("Email").fill(teacher.email)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(re.compile(r"/en/teach/$"))


def box(tab, selector):
    return tab.locator(selector).first.bounding_box()


def test_45_by_30_grid_keeps_header_and_names_in_view(site, browser, assert_accessible):
    """At 1366 px and 375 px the grid scrolls in its own box: after scrolling right and down the lesson row
    and the name column are still in view, the page itself is not wider than the screen, and axe is clean."""
    teacher, classroom = class_of_45_with_30_lessons()
    for width, height in ((1366, 768), (375, 740)):
        context = browser.new_context(viewport={"width": width, "height": height})
        tab = context.new_page()
        sign_in(tab, site, teacher)
        tab.goto(f"{site.url}/en/teach/classes/{classroom.pk}/")
        assert tab.locator("table.progress-grid tbody tr").count() == 45
        assert_accessible(tab)
        # Nothing is cut off by the page: only the grid's own box scrolls sideways.
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        scroller = tab.locator(".grid-scroll")
        scroller.scroll_into_view_if_needed()
        scroller.evaluate("box => { box.scrollLeft = box.scrollWidth; box.scrollTop = box.scrollHeight; }")
        tab.wait_for_timeout(100)
        area = scroller.bounding_box()
        header = box(tab, ".progress-grid thead th:last-child")
        name = box(tab, ".progress-grid tbody tr:last-child th")
        corner = box(tab, ".progress-grid thead th.grid-corner")
        assert abs(header["y"] - area["y"]) < 4, (width, header, area)  # the lesson row stays at the top
        assert abs(name["x"] - area["x"]) < 4, (width, name, area)  # the names stay at the left
        assert abs(corner["x"] - area["x"]) < 4 and abs(corner["y"] - area["y"]) < 4
        last_cell = box(tab, ".progress-grid tbody tr:last-child td:last-child")
        assert last_cell["x"] + last_cell["width"] <= area["x"] + area["width"] + 1  # last column reachable
        assert tab.locator(".progress-grid tbody tr:last-child th").inner_text() == CLASS_OF_45[-1]
        if width == 1366:
            tab.screenshot(path=str(SCREENSHOT))
        context.close()
    assert SCREENSHOT.exists()
