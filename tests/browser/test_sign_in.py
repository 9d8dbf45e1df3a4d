import re

from classrooms.models import Membership, Role, School
from classrooms.services import signin, throttle
from tests.factories import ClassroomFactory, UserFactory

PASSWORD = "correct horse battery staple"


def _teacher_signs_in(page, site, teacher):
    page.goto(f"{site.url}/en/teach/login/")
    page.get_by_label("Email").fill(teacher.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/en/teach/$"))


def test_grade_two_pupil_signs_in_on_a_phone_and_the_teacher_unlocks_a_locked_pupil(
    site, page, phone, assert_accessible
):
    """The teacher opens sign-in from the dashboard and reads the sign-in number on it; a grade-2 pupil signs in on a
    375 px screen with the class code, the number as the board shows it ("482 913"), their name and two pictures
    (axe clean); a locked classmate shows on the class page and is unlocked."""
    teacher = UserFactory(email="window-teacher@example.com")  # groups are flushed by earlier browser tests
    school = School.objects.create(name="Window School")
    Membership.objects.create(user=teacher, school=school, role=Role.TEACHER)
    classroom = ClassroomFactory(school=school, teacher=teacher, grade=2, pupils=3, name="Class 2 Window")
    mia, locked = list(classroom.pupils.order_by("pk"))[:2]

    _teacher_signs_in(page, site, teacher)
    page.get_by_role("button", name="Open sign-in for Class 2 Window").click()
    page.wait_for_url(re.compile(r"/en/teach/$"))
    assert page.locator(".sign-in-window--open").count() == 1
    number = page.locator(".sign-in-number").inner_text().strip()
    assert re.fullmatch(r"\d{3} \d{3}", number), number
    assert_accessible(page)

    phone.goto(f"{site.url}/en/class/")
    phone.get_by_label("Class code").fill(classroom.code.lower())
    phone.get_by_role("button", name="Next").click()
    phone.wait_for_url(re.compile(rf"/class/{classroom.code}/number/$"))  # a phone is not a class device
    assert phone.get_by_text(mia.display_name).count() == 0
    field = phone.get_by_label("Sign-in number")
    # Phones zoom into fields with text under 16 px; the field and the button are easy to tap (44 px and more).
    assert float(field.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")) >= 16
    assert field.bounding_box()["height"] >= 44
    assert phone.get_by_role("button", name="Next").bounding_box()["height"] >= 44
    assert phone.get_by_role("link", name="A different class").bounding_box()["height"] >= 44
    assert_accessible(phone)
    field.fill(number[:3])  # half of it: a message a child understands, nothing counted
    phone.get_by_role("button", name="Next").click()
    phone.wait_for_load_state()
    assert phone.get_by_text("The number has 6 digits. Look at the board again.").count() == 1
    assert_accessible(phone)
    phone.get_by_label("Sign-in number").fill(number)
    phone.get_by_role("button", name="Next").click()
    phone.wait_for_url(re.compile(rf"/class/{classroom.code}/$"))
    assert_accessible(phone)
    phone.get_by_role("link", name=mia.display_name).click()
    phone.wait_for_load_state()
    phone.get_by_role("button", name="Sign in").click()  # no pictures yet: a message a child understands
    phone.wait_for_load_state()
    assert phone.get_by_text("Tap two pictures, the two on your card.").count() == 1
    assert_accessible(phone)
    for key in mia.picture_keys:
        phone.locator(f"label[for=picture-{key}]").click()
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(re.compile(r"/class/my-lessons/$"))
    assert_accessible(phone)

    for _ in range(throttle.PUPIL_FAILURE_LIMIT):
        throttle.record_pupil_failure(pupil_id=locked.pk)
    page.goto(f"{site.url}/en/teach/classes/{classroom.pk}/pupils/")
    assert page.get_by_text(f"{locked.display_name}: locked, 15 min left").count() == 1
    assert_accessible(page)
    page.locator(".lock-list").get_by_role("button", name=f"Unlock {locked.display_name}").click()
    page.wait_for_load_state()
    assert page.locator(".lock-list").count() == 0
    assert not throttle.pupil_locked(pupil_id=locked.pk)
    signin.close_sign_in(classroom=classroom)
