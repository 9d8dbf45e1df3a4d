"""Safeguarding in a real browser, axe-checked: a grade-2 pupil asks to talk using only pictures on a phone;
designated staff record the police report and print the chronology."""

import os
import re
import uuid

from classrooms.models import Membership, Role
from classrooms.services.roster import enable_qr_sign_in
from safeguarding import services
from safeguarding.models import Concern, Referral
from tests.factories import ClassroomFactory, SchoolFactory, UserFactory

PASSWORD = "correct horse battery staple"
SCREENSHOTS = os.environ.get("SAFEGUARDING_SCREENSHOTS")  # a folder: save screenshots for docs/


def _shot(tab, name):
    if SCREENSHOTS:
        tab.screenshot(path=os.path.join(SCREENSHOTS, f"safeguarding-{name}.png"), full_page=True)


def test_grade_2_pupil_asks_to_talk_with_pictures_on_a_phone(site, phone, assert_accessible):
    """On a 375 px screen a grade-2 pupil taps the header button, a picture and Send; the request is stored."""
    designated = UserFactory(email="browser-dsl@example.com")
    school = SchoolFactory(name="Browser Safeguarding School")
    Membership.objects.create(user=designated, school=school, is_designated=True, name_for_pupils="Ms Wang")
    classroom = ClassroomFactory(school=school, grade=2, pupils=1, name="Class 2 Talk")
    enable_qr_sign_in(classroom=classroom)
    pupil = classroom.pupils.get()

    phone.goto(f"{site.url}/en/class/card/{pupil.login_token}/")
    phone.locator("form button[type=submit]").last.click()
    phone.wait_for_url(re.compile(r"/class/my-lessons/$"))
    phone.get_by_role("link", name="I want to talk to someone").click()
    phone.wait_for_url(re.compile(r"/class/talk/$"))
    assert phone.locator("textarea").count() == 0
    assert_accessible(phone)
    _shot(phone, "pupil-talk")

    phone.locator("label[for=topic-picture]").click()
    phone.get_by_role("button", name="Send").click()
    phone.wait_for_url(re.compile(r"/class/talk/sent/[0-9a-f-]+/$"))
    assert "quiet moment" in phone.locator("#talk-sent").inner_text()
    assert "110" in phone.locator("#talk-sent").inner_text()
    assert_accessible(phone)
    _shot(phone, "pupil-sent")
    concern = Concern.objects.get(pupil=pupil)
    assert (concern.topic, concern.wants) == ("picture", "anyone")


def test_designated_staff_record_a_police_report_and_print(site, page, assert_accessible):
    """Designated staff open a concern from the dashboard, record the police report and print the chronology."""
    designated = UserFactory(email="browser-dsl2@example.com")
    teacher = UserFactory(email="browser-teacher2@example.com")
    school = SchoolFactory(name="Browser Safeguarding School 2", teacher=teacher)
    Membership.objects.create(user=designated, school=school, role=Role.TEACHER, is_designated=True)
    classroom = ClassroomFactory(school=school, teacher=teacher, grade=4, pupils=1, name="Class 4 Print")
    concern, _created = services.record_concern(
        school=school,
        user=teacher,
        key=uuid.uuid4(),
        pupil=classroom.pupils.get(),
        fields={"child_words": "A man in the game asked for a photo", "location": "Library"},
        risk=True,
    )

    page.goto(f"{site.url}/en/teach/login/")
    page.get_by_label("Email").fill(designated.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/en/teach/$"))
    assert_accessible(page)
    page.locator(".safeguarding-links").get_by_role("link", name=re.compile("^Concerns")).click()
    page.wait_for_url(re.compile(r"/teach/safeguarding/$"))
    assert_accessible(page)
    page.get_by_role("link", name=f"Concern {concern.pk}").first.click()
    page.wait_for_url(re.compile(rf"/teach/safeguarding/{concern.pk}/$"))
    assert_accessible(page)
    _shot(page, "concern")

    page.get_by_role("link", name="Record a report to the police or a referral").click()
    page.wait_for_url(re.compile(r"/report/$"))
    assert_accessible(page)
    page.get_by_label("Reported to").select_option("police")
    page.get_by_label("Reference number").fill("JJ-2026-0042")
    page.get_by_role("button", name="Save the report").click()
    page.wait_for_url(re.compile(rf"/teach/safeguarding/{concern.pk}/$"))
    assert Referral.objects.filter(concern=concern, agency="police", reference="JJ-2026-0042").exists()
    assert page.locator(".notice--urgent").count() == 0

    page.get_by_role("link", name="Print the chronology").click()
    page.wait_for_url(re.compile(r"/print/$"))
    assert "JJ-2026-0042" in page.locator(".print-sheet").inner_text()
    assert "A man in the game asked for a photo" in page.locator(".print-sheet").inner_text()
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator(".hide-screen").is_visible()
    _shot(page, "print")
