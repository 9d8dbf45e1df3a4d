import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import throttle as staff_throttle
from classrooms.models import Invitation, Membership, Role, School
from classrooms.services import staff
from tests.factories import SchoolFactory


def test_create_school_command_invites_the_admin(db):
    """`create_school "Name" --admin email` makes the school and emails the admin an invitation link."""
    out = io.StringIO()
    call_command("create_school", "Hilltop School", "--admin", "Lead@Example.com", stdout=out)
    school = School.objects.get(name="Hilltop School")
    invitation = Invitation.objects.get(school=school)
    assert invitation.email == "lead@example.com" and invitation.role == Role.ADMIN
    assert invitation.token in mail.outbox[0].body and invitation.token in out.getvalue()


def test_create_school_command_refuses_a_bad_email(db):
    """A wrong address stops the command with a clear message and no school is made."""
    with pytest.raises(CommandError):
        call_command("create_school", "Nowhere", "--admin", "not-an-email")
    assert not School.objects.filter(name="Nowhere").exists()


def test_invited_person_sets_a_password_and_joins(client, db):
    """Opening the emailed link, choosing a password, joins the school as a teacher signed in."""
    school, invitation = staff.create_school(name="Hilltop", admin_email="lead@example.com")
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path, {"password1": "a long and good pass 42", "password2": "a long and good pass 42"})
    assert response.url == reverse("classrooms:dashboard")
    membership = Membership.objects.get(school=school)
    assert membership.role == Role.ADMIN and membership.user.email == "lead@example.com"
    assert membership.user.groups.filter(name="Teachers").exists()
    assert not membership.user.has_perm("wagtailadmin.access_admin")
    assert client.get(invitation.get_absolute_url()).status_code == 410  # used once only


def test_invitation_password_must_be_strong_and_match(client, db):
    """Weak or mismatched passwords are form errors; nobody joins."""
    _school, invitation = staff.create_school(name="Hilltop", admin_email="lead@example.com")
    response = client.post(invitation.get_absolute_url(), {"password1": "123", "password2": "123"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Membership.objects.exists()


def test_school_admin_invites_a_teacher_who_already_has_an_account(
    client, school, school_admin, other_teacher, other_school_class
):
    """A signed-in member of staff accepts with one click and then belongs to both schools."""
    client.force_login(school_admin)
    client.post(
        reverse("classrooms:school", kwargs={"pk": school.pk}), {"email": other_teacher.email, "role": "teacher"}
    )
    invitation = Invitation.objects.get(email=other_teacher.email)
    client.force_login(other_teacher)
    client.post(invitation.get_absolute_url())
    assert Membership.objects.filter(user=other_teacher).count() == 2


def test_invitation_link_never_sets_an_existing_accounts_password(client, teacher, school):
    """An invitation for an address that has an account asks to sign in first; posting a password changes nothing."""
    second_school = SchoolFactory(name="Second school")
    invitation = staff.invite_staff(school=second_school, email=teacher.email, role=Role.TEACHER)
    response = client.post(
        invitation.get_absolute_url(), {"password1": "x new pass 123", "password2": "x new pass 123"}
    )
    assert response.context["login_url"].startswith(reverse("classrooms:staff_login"))
    teacher.refresh_from_db()
    assert teacher.check_password("correct horse battery staple")
    client.post(response.context["login_url"], {"email": teacher.email, "password": "correct horse battery staple"})
    client.post(invitation.get_absolute_url())
    assert Membership.objects.filter(user=teacher).count() == 2


def test_invitation_is_not_taken_by_someone_else_signed_in(client, school, teacher):
    """A different signed-in account is asked to sign out; it does not join the school."""
    _school, invitation = staff.create_school(name="Hilltop", admin_email="lead@example.com")
    client.force_login(teacher)
    response = client.post(invitation.get_absolute_url())
    assert response.context["wrong_user"]
    assert not Membership.objects.filter(user=teacher, school=invitation.school).exists()


def test_staff_sign_in_with_email_and_password(client, teacher):
    """Staff sign in with email (any case) and password and land on their classes."""
    response = client.post(
        reverse("classrooms:staff_login"), {"email": "TEACHER@example.com", "password": "correct horse battery staple"}
    )
    assert response.url == reverse("classrooms:dashboard")


def test_staff_sign_in_locks_user_and_address_for_a_while(client, teacher):
    """After five wrong passwords from one address, even the right one is refused there; another address still works."""
    url = reverse("classrooms:staff_login")
    for _ in range(staff_throttle.ACCOUNT_ADDRESS_LIMIT):
        client.post(url, {"email": teacher.email, "password": "wrong"})
    response = client.post(url, {"email": teacher.email, "password": "correct horse battery staple"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(
        url, {"email": teacher.email, "password": "correct horse battery staple"}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 302


def test_sign_in_only_follows_local_next_links(client, teacher):
    """`next` pointing at another site is ignored."""
    response = client.post(
        reverse("classrooms:staff_login") + "?next=//evil.example/",
        {"email": teacher.email, "password": "correct horse battery staple"},
    )
    assert response.url == reverse("classrooms:dashboard")


def test_password_reset_sends_a_working_link(client, teacher):
    """The reset form emails a link; following it lets the teacher choose a new password and sign in with it."""
    client.post(reverse("classrooms:password_reset"), {"email": teacher.email})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "another good pass 77", "new_password2": "another good pass 77"})
    client.logout()
    response = client.post(
        reverse("classrooms:staff_login"), {"email": teacher.email, "password": "another good pass 77"}
    )
    assert response.status_code == 302


def test_staff_sign_out(client, teacher):
    """Sign out ends the staff session."""
    client.force_login(teacher)
    client.post(reverse("classrooms:sign_out"))
    assert client.get(reverse("classrooms:dashboard")).status_code == 302
