"""Issue 12: one throttle on every staff sign-in path, re-authentication, session lifetime and offboarding."""

import re
import statistics
import time

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from accounts import sessions
from accounts import throttle as staff_throttle
from classrooms.models import Invitation, Membership, Role
from classrooms.services import staff
from classrooms.views import teacher as teacher_views
from tests.factories import UserFactory

# Throttles, locks and sign-in windows count in the cache the product shares between processes (STYLE.md).
pytestmark = pytest.mark.usefixtures("shared_cache")

PASSWORD = "correct horse battery staple"


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("classrooms:staff_login"), {"email": email, "password": password}, **extra)


def age_session(client, key, seconds):
    """Pretend the session's sign-in (or confirmation) happened `seconds` ago."""
    session = client.session
    session[key] = time.time() - seconds
    session.save()


# ---- one throttle -------------------------------------------------------------------------------


def test_six_wrong_passwords_at_the_admin_lock_the_teacher_everywhere(client, teacher):
    """Six wrong passwords at /admin/login/ refuse the right one at /teach/login/ and at /admin/login/ alike."""
    for _ in range(6):
        client.post("/admin/login/", {"username": teacher.email, "password": "wrong"})
    assert sign_in(client, teacher.email).status_code == 200 and "_auth_user_id" not in client.session
    client.post("/admin/login/", {"username": teacher.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_failures_from_anywhere_do_not_lock_a_teacher_out_quickly(client, teacher):
    """Five failures each from three addresses lock those addresses only; the teacher signs in from their own."""
    for number in range(3):
        for _ in range(staff_throttle.ACCOUNT_ADDRESS_LIMIT):
            sign_in(client, teacher.email, "wrong", REMOTE_ADDR=f"10.0.0.{number}")
    assert sign_in(client, teacher.email, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_many_failures_from_everywhere_bring_a_growing_cool_off(client, teacher, monkeypatch):
    """Past the account limit every failure doubles the wait; when it is over, the right password works."""
    for number in range(staff_throttle.ACCOUNT_LIMIT + 1):
        sign_in(client, teacher.email, "wrong", REMOTE_ADDR=f"10.1.{number}.1")
    assert sign_in(client, teacher.email, REMOTE_ADDR="192.0.2.7").status_code == 200
    assert staff_throttle.cool_off_seconds(staff_throttle.ACCOUNT_LIMIT + 1) == 120
    assert staff_throttle.cool_off_seconds(staff_throttle.ACCOUNT_LIMIT + 30) == staff_throttle.MAX_COOL_OFF_SECONDS
    later = time.time() + 121
    monkeypatch.setattr(staff_throttle.time, "time", lambda: later)
    assert sign_in(client, teacher.email, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_unknown_and_known_addresses_lock_the_same_way(client, teacher):
    """Locking cannot tell whether an account exists: an unknown address locks after as many failures."""
    for email in [teacher.email, "nobody@example.com"]:
        for _ in range(staff_throttle.ACCOUNT_ADDRESS_LIMIT):
            sign_in(client, email, "wrong")
    known = sign_in(client, teacher.email).context["form"].non_field_errors()
    unknown = sign_in(client, "nobody@example.com").context["form"].non_field_errors()
    assert list(known) == list(unknown) and "15" in known[0]


def test_password_reset_by_email_lifts_the_lock(client, teacher):
    """A locked teacher can still reset their password by email, and then sign in with it."""
    for _ in range(staff_throttle.ACCOUNT_ADDRESS_LIMIT):
        sign_in(client, teacher.email, "wrong")
    client.post(reverse("classrooms:password_reset"), {"email": teacher.email})
    path = "/" + re.search(r"https?://\S+", mail.outbox[0].body).group(0).split("://", 1)[1].split("/", 1)[1]
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "another good pass 77", "new_password2": "another good pass 77"})
    client.logout()
    assert sign_in(client, teacher.email, "another good pass 77").status_code == 302


def test_reset_emails_are_rate_limited(client, teacher):
    """A fourth reset request within the hour sends nothing, and the answer is the same "sent" page."""
    responses = [client.post(reverse("classrooms:password_reset"), {"email": teacher.email}) for _ in range(4)]
    assert len(mail.outbox) == 3
    assert {response.url for response in responses} == {reverse("classrooms:password_reset_done")}


def test_invitation_emails_are_rate_limited(client, school, school_admin, monkeypatch):
    """Past the hourly limit a school admin's invitations are refused with a message, and nothing is sent."""
    monkeypatch.setattr(teacher_views, "INVITATIONS_PER_HOUR", 2)
    client.force_login(school_admin)
    url = reverse("classrooms:school", kwargs={"pk": school.pk})
    for number in range(3):
        client.post(url, {"email": f"new{number}@example.com", "role": "teacher"})
    assert len(mail.outbox) == 2 and not Invitation.objects.filter(email="new2@example.com").exists()


class TimingHasher(PBKDF2PasswordHasher):
    """Slow enough that hashing, not noise, is what a sign-in costs."""

    iterations = 30_000


@override_settings(PASSWORD_HASHERS=["tests.classrooms.test_staff_security.TimingHasher"])
def test_known_and_unknown_emails_take_the_same_time(teacher):
    """Rejecting a known email costs the same as an unknown one, within 20 % (medians of interleaved tries).

    The cost is this thread's CPU time: on a shared machine the wall clock also counts other processes' work."""
    teacher.set_password(PASSWORD)
    teacher.save()
    known, unknown = [], []
    for number in range(9):
        for email, times in [(teacher.email, known), (f"nobody{number}@example.com", unknown)]:
            cache.clear()  # measure the password check, not a lock
            start = time.thread_time()
            authenticate(None, email=email, password=f"wrong {number}")
            times.append(time.thread_time() - start)
    ratio = statistics.median(known) / statistics.median(unknown)
    assert 0.8 < ratio < 1.2, ratio


def test_teacher_cannot_sign_in_to_the_wagtail_admin(client, teacher):
    """The right password at /admin/login/ gives a teacher no admin: /admin/ still sends them to sign in."""
    client.post("/admin/login/", {"username": teacher.email, "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url


# ---- sessions and re-authentication ---------------------------------------------------------------


def test_staff_session_ends_after_its_absolute_lifetime(client, teacher):
    """However active, a staff session older than STAFF_SESSION_MAX_AGE is signed out on its next request."""
    client.force_login(teacher)
    assert client.get(reverse("classrooms:dashboard")).status_code == 200
    age_session(client, sessions.SIGNED_IN_AT, 12 * 60 * 60 + 1)
    response = client.get(reverse("classrooms:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("classrooms:staff_login"))


@pytest.mark.parametrize("name", ["classrooms:login_cards", "classrooms:classroom_delete"])
def test_cards_and_deletion_ask_for_the_password_after_15_minutes(client, teacher, classroom, name):
    """Login cards and deleting a class need the password again 15 minutes after sign-in; then they open."""
    client.force_login(teacher)
    url = reverse(name, kwargs={"pk": classroom.pk})
    assert client.get(url).status_code == 200
    age_session(client, sessions.CONFIRMED_AT, 15 * 60 + 1)
    response = client.get(url)
    assert response.url.startswith(reverse("classrooms:confirm_identity"))
    wrong = client.post(response.url, {"password": "wrong"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert client.post(response.url, {"password": PASSWORD}).url == url
    assert client.get(url).status_code == 200


def test_new_pupil_password_asks_for_confirmation(client, teacher, pupil):
    """A new password and card for a pupil (a POST) waits for the password, and changes nothing before it."""
    client.force_login(teacher)
    age_session(client, sessions.CONFIRMED_AT, 15 * 60 + 1)
    secret = pupil.secret
    response = client.post(reverse("classrooms:pupil_action", kwargs={"pk": pupil.pk, "action": "reset"}))
    pupil.refresh_from_db()
    assert response.url.startswith(reverse("classrooms:confirm_identity")) and pupil.secret == secret


def test_staff_change_their_password(client, teacher):
    """The password screen asks for the old password and then the new one works."""
    client.force_login(teacher)
    url = reverse("classrooms:password_change")
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": "a new good pass 99", "new_password2": "a new good pass 99"}
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.check_password("a new good pass 99")


# ---- offboarding --------------------------------------------------------------------------------


def test_removed_teacher_is_signed_out_and_off_the_classes(client, school, school_admin, teacher, classroom):
    """A school admin removes a teacher: their membership and classes go, and their next request is signed out."""
    teacher_client = client.__class__()
    teacher_client.force_login(teacher)
    assert teacher_client.get(reverse("classrooms:pupils", kwargs={"pk": classroom.pk})).status_code == 200
    client.force_login(school_admin)
    membership = Membership.objects.get(user=teacher, school=school)
    client.post(reverse("classrooms:member_remove", kwargs={"pk": school.pk, "member": membership.pk}))
    assert not Membership.objects.filter(user=teacher).exists() and not classroom.teachers.filter(pk=teacher.pk)
    response = teacher_client.get(reverse("classrooms:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("classrooms:staff_login"))


def test_teacher_cannot_remove_staff(client, school, teacher, school_admin):
    """Only a school admin removes members; a teacher asking gets 404."""
    client.force_login(teacher)
    membership = Membership.objects.get(user=school_admin, school=school)
    response = client.post(reverse("classrooms:member_remove", kwargs={"pk": school.pk, "member": membership.pk}))
    assert response.status_code == 404 and Membership.objects.filter(pk=membership.pk).exists()


def test_school_admin_revokes_an_invitation(client, school, school_admin):
    """A revoked invitation's link no longer works."""
    invitation = staff.invite_staff(school=school, email="late@example.com", role=Role.TEACHER)
    client.force_login(school_admin)
    client.post(reverse("classrooms:invitation_revoke", kwargs={"pk": school.pk, "invitation": invitation.pk}))
    client.logout()
    assert client.get(invitation.get_absolute_url()).status_code == 404


def test_school_admin_takes_a_teacher_off_a_class_and_adds_another(client, school, school_admin, teacher, classroom):
    """Taken off, the teacher no longer finds the class; added, another member of the school does."""
    colleague = UserFactory(email="colleague@example.com")
    Membership.objects.create(user=colleague, school=school, role=Role.TEACHER)
    client.force_login(school_admin)
    url = "classrooms:class_teacher"
    client.post(
        reverse(url, kwargs={"pk": school.pk, "classroom": classroom.pk, "action": "remove"}), {"user": teacher.pk}
    )
    client.post(
        reverse(url, kwargs={"pk": school.pk, "classroom": classroom.pk, "action": "add"}), {"user": colleague.pk}
    )
    assert list(classroom.teachers.all()) == [colleague]
    client.force_login(teacher)
    assert client.get(reverse("classrooms:pupils", kwargs={"pk": classroom.pk})).status_code == 404


@pytest.mark.parametrize("name", ["progress:class_export", "progress:pupil_export"])
def test_exports_ask_for_the_password_after_15_minutes(client, teacher, classroom, pupil, name):
    """A class CSV or a pupil's JSON export needs the password again 15 minutes after sign-in."""
    client.force_login(teacher)
    url = reverse(name, kwargs={"pk": pupil.pk if name == "progress:pupil_export" else classroom.pk})
    assert client.get(url).status_code == 200
    age_session(client, sessions.CONFIRMED_AT, 15 * 60 + 1)
    assert client.get(url).url.startswith(reverse("classrooms:confirm_identity"))
