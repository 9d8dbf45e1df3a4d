import re

from classrooms.models import Classroom
from lessons.models import LessonPage
from tests.factories import SchoolFactory, UserFactory

PASSWORD = "correct horse battery staple"


def test_teacher_sets_up_a_class_and_a_pupil_completes_the_lesson(site, page, phone, assert_accessible):
    """Create a class, add 5 pupils, print cards, assign a lesson; a pupil signs in with the card and finishes it;
    the teacher's grid shows it done. axe-core checks every screen on the way."""
    teacher = UserFactory(email="browser-teacher@example.com", groups=["Teachers"])
    SchoolFactory(name="Browser School", admin=teacher)

    page.goto(f"{site.url}/en/teach/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill(teacher.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/en/teach/$"))
    assert_accessible(page)

    page.get_by_label("Name").fill("Class 2 Browser")
    page.get_by_label("Grade").select_option("2")
    page.get_by_role("button", name="Create class").click()
    page.wait_for_url(re.compile(r"/pupils/$"))
    assert_accessible(page)
    page.get_by_label("First names or nicknames, one per line").fill("Mia\nLeo\nAnna\nSam\nZoe")
    page.get_by_role("button", name="Add pupils").last.click()
    page.wait_for_load_state()
    assert page.locator("table.data-table tbody tr").count() == 5
    assert_accessible(page)
    page.get_by_role("button", name="Open sign-in for Class 2 Browser").click()
    page.wait_for_load_state()
    assert page.locator(".sign-in-window--open").count() == 1
    sign_in_number = page.locator(".sign-in-number").inner_text().strip()  # the teacher shows it on the board

    classroom = Classroom.objects.get(name="Class 2 Browser")
    page.get_by_role("link", name="Print login cards").click()
    page.wait_for_url(re.compile(r"/cards/$"))
    assert page.locator(".login-card").count() == 5
    assert_accessible(page)
    card = page.locator(".login-card", has_text="Mia")
    code = card.locator(".class-code").inner_text().strip()
    pictures = [
        re.search(r"pictures/(\w+)\.svg", src).group(1)
        for src in card.locator(".login-card__pictures img").evaluate_all(
            "images => images.map(i => i.getAttribute('src'))"
        )
    ]
    assert code == classroom.code and len(pictures) == 2

    page.locator(".sub-nav").get_by_role("link", name="Assign lessons").click()
    page.wait_for_url(re.compile(r"/assign/$"))
    assert_accessible(page)
    lesson = (
        LessonPage.objects.live()
        .filter(locale__language_code="en", grade=2, quiz__isnull=False)
        .order_by("path")
        .first()
    )
    page.get_by_label(lesson.title, exact=False).first.check()
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url(re.compile(rf"/teach/classes/{classroom.pk}/$"))
    assert_accessible(page)

    # The pupil, on a phone, with the card.
    phone.goto(f"{site.url}/en/class/")
    assert_accessible(phone)
    phone.get_by_label("Class code").fill(code.lower())
    phone.get_by_role("button", name="Next").click()
    phone.wait_for_url(re.compile(rf"/class/{code}/number/$"))
    phone.get_by_label("Sign-in number").fill(sign_in_number)
    phone.get_by_role("button", name="Next").click()
    phone.wait_for_url(re.compile(rf"/class/{code}/$"))
    assert_accessible(phone)
    phone.get_by_role("link", name="Mia").click()
    phone.wait_for_load_state()
    assert_accessible(phone)
    for key in pictures:
        phone.locator(f"label[for=picture-{key}]").click()
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(re.compile(r"/class/my-lessons/$"))
    assert phone.locator(".my-lessons li").count() == 1
    assert_accessible(phone)

    phone.locator(".my-lessons a.button").first.click()
    total = len(lesson.steps)
    for number in range(1, total + 1):
        phone.wait_for_url(re.compile(rf"step/{number}/$"))
        if number < total:
            phone.locator('a[rel="next"]').click()
    phone.get_by_role("link", name="Finish").click()
    phone.wait_for_url(re.compile(r"/quiz/$"))
    assert_accessible(phone)
    phone.get_by_role("link", name="Start the quiz").click()
    questions = lesson.quiz.questions.count()
    for number in range(1, questions + 1):
        phone.wait_for_url(re.compile(rf"/quiz/[0-9a-f-]+/{number}/$"))
        phone.locator(".quiz-form .choice-option").first.click()
        phone.get_by_role("button", name="Check my answer").click()
        phone.wait_for_load_state()
        phone.locator('a[rel="next"]').click()
    phone.wait_for_url(re.compile(r"/result/$"))
    score = int(phone.locator(".quiz-score__number").inner_text().split()[0])
    assert_accessible(phone)

    phone.goto(f"{site.url}/en/class/my-lessons/")
    status = phone.locator(".my-lessons .status").first.inner_text()
    percent = round(100 * score / questions)
    assert "Done" in status and f"quiz {percent}%" in status
    assert_accessible(phone)

    page.reload()
    cell = page.locator("table.progress-grid tbody tr", has_text="Mia").locator("td").first
    assert "Done" in cell.inner_text() and f"quiz {percent}%" in cell.inner_text()
    assert_accessible(page)
    page.locator("table.progress-grid thead a").first.click()
    page.wait_for_url(re.compile(r"/lessons/\d+/$"))
    assert page.locator(".analysis__question").count() == questions
    assert_accessible(page)

    phone.get_by_role("button", name="Sign out").last.click()
    phone.wait_for_url(re.compile(r"/en/class/$"))
