import re

from lessons.models import LessonPage
from quizzes.models import Answer, Attempt

from .test_present import _grade_2_pupil_with_a_lesson, _signed_in_context


def test_pupil_takes_the_seeded_quiz_on_a_phone(site, phone, assert_accessible):
    """At 375 px a pupil finishes the lesson, answers every question by tapping, sees feedback and gets a score."""
    lesson = LessonPage.objects.live().filter(locale__language_code="en").order_by("grade", "path").first()
    total = lesson.quiz.questions.count()
    phone.goto(f"{site.url}{lesson.url}step/{len(lesson.steps)}/")
    phone.get_by_role("link", name="Finish").click()
    phone.wait_for_url(re.compile(r"/quiz/$"))
    assert_accessible(phone)

    phone.get_by_role("link", name="Start the quiz").click()
    for number in range(1, total + 1):
        phone.wait_for_url(re.compile(rf"/quiz/[0-9a-f-]+/{number}/$"))
        assert phone.locator("#question-count").inner_text() == f"Question {number} of {total}"
        assert_accessible(phone)
        phone.locator(".quiz-form .choice-option").first.click()
        phone.get_by_role("button", name="Check my answer").click()
        phone.wait_for_load_state()
        feedback = phone.locator('.feedback[role="status"]')
        assert feedback.is_visible()
        assert re.search(r"Yes, that's right!|Not quite", feedback.inner_text())
        assert_accessible(phone)
        phone.locator('a[rel="next"]').click()

    phone.wait_for_url(re.compile(r"/result/$"))
    assert re.fullmatch(rf"\d of {total} right", phone.locator(".quiz-score__number").inner_text())
    assert phone.locator(".key-messages li").count() >= 1
    assert phone.locator("main .help-contacts li").count() >= 1
    assert_accessible(phone)


def test_signed_in_pupil_switches_language_mid_quiz_and_keeps_the_attempt(site, browser, assert_accessible):
    """At 375 px a signed-in grade-2 pupil answers question 1 in English, taps 简体中文 on question 2 and goes on
    with the same attempt on the same question in Chinese, to a result that counts both answers."""
    pupil, lesson = _grade_2_pupil_with_a_lesson("switch")
    total = lesson.quiz.questions.count()
    context = _signed_in_context(browser, site, pupil.user, viewport={"width": 375, "height": 740})
    tab = context.new_page()
    tab.goto(f"{site.url}{lesson.url}quiz/")
    tab.get_by_role("link", name="Start the quiz").click()
    tab.wait_for_url(re.compile(r"/en/.*/quiz/[0-9a-f-]+/1/$"))
    attempt = re.search(r"/quiz/([0-9a-f-]+)/1/$", tab.url).group(1)
    tab.locator(".quiz-form .choice-option").first.click()
    tab.get_by_role("button", name="Check my answer").click()
    tab.locator('a[rel="next"]').click()
    tab.wait_for_url(re.compile(rf"/quiz/{attempt}/2/$"))

    tab.get_by_role("link", name="简体中文").click()
    tab.wait_for_url(re.compile(rf"/zh-hans/.*/quiz/{attempt}/2/$"))
    assert tab.locator("html").get_attribute("lang") == "zh-hans"
    assert_accessible(tab)
    for number in range(2, total + 1):
        tab.wait_for_url(re.compile(rf"/quiz/{attempt}/{number}/$"))
        tab.locator(".quiz-form .choice-option").first.click()
        tab.locator(".quiz-form button[type=submit]").click()
        tab.wait_for_load_state()
        tab.locator('a[rel="next"]').click()
    tab.wait_for_url(re.compile(rf"/zh-hans/.*/quiz/{attempt}/result/$"))
    assert re.search(rf"答对 \d+ 题（共 {total} 题）", tab.locator(".quiz-score__number").inner_text())
    assert Attempt.objects.filter(user=pupil.user).count() == 1
    assert Answer.objects.filter(attempt__user=pupil.user).count() == total
    assert_accessible(tab)
    context.close()
