import re

from lessons.models import LessonPage


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
