import re

import pytest

from lessons.models import LessonPage


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_home_map_and_a_lesson_walked_through_by_clicking(site, page, assert_accessible, language):
    """Home, curriculum map and every step of a lesson load, pass axe-core, and Next leads to the end."""
    page.goto(f"{site.url}/{language}/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    page.locator(".main-nav a").nth(1).click()
    page.wait_for_load_state()
    assert page.locator("table.curriculum-map tbody tr").count() == 9
    assert_accessible(page)

    lesson = LessonPage.objects.live().filter(locale__language_code=language).order_by("grade", "path").first()
    page.locator(f'table.curriculum-map a[href="{lesson.url}"]').first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == lesson.title
    assert_accessible(page)

    page.locator(f'a[href="{lesson.url}step/1/"]').click()
    total = len(lesson.steps)
    for number in range(1, total + 1):
        page.wait_for_url(re.compile(rf"step/{number}/$"))
        assert page.locator("#step-count").inner_text().count(str(total)) >= 1
        assert_accessible(page)
        if number < total:
            page.locator('a[rel="next"]').click()
    assert page.locator(".key-messages li").count() >= 1
    assert page.locator("main .help-contacts li").count() >= 1


def test_what_would_you_do_feedback_without_javascript(site, browser, phone, assert_accessible):
    """With JavaScript off, choosing an option and pressing the button shows its feedback (checked by axe after)."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    tab = context.new_page()
    lesson = LessonPage.objects.live().filter(locale__language_code="en").order_by("grade", "path").first()
    number = next(i for i, block in enumerate(lesson.steps, start=1) if block.block_type == "choice")
    tab.goto(f"{site.url}{lesson.url}step/{number}/")
    tab.locator(".choice-option").first.click()
    tab.locator(".choice-form button[type=submit]").click()
    tab.wait_for_load_state()
    assert tab.locator('[role="status"]').is_visible()
    answered_url = tab.url
    context.close()
    phone.goto(answered_url)  # axe-core itself needs JavaScript
    assert phone.locator('[role="status"]').is_visible()
    assert_accessible(phone)


def test_teacher_view_and_404_are_accessible(site, page, assert_accessible):
    """The whole-lesson view and the 404 page pass axe-core too."""
    lesson = LessonPage.objects.live().filter(locale__language_code="zh-hans").first()
    page.goto(f"{site.url}{lesson.url}plan/")
    assert page.locator(".plan-step").count() == len(lesson.steps)
    assert page.locator("[data-print]").is_visible()
    assert_accessible(page)
    page.goto(f"{site.url}/en/no-such-page/")
    assert page.locator("h1").inner_text() == "We could not find that page"
    assert_accessible(page)
