"""Issue 12 point 3: a school admin can require two-step sign-in for every teacher of their school."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from accounts import sessions
from classrooms.services import staff

from .test_second_factor import PASSWORD, enrol, sign_in

pytestmark = pytest.mark.usefixtures("shared_cache")


def setting_url(school):
    return reverse("classrooms:school_second_factor", kwargs={"pk": school.pk})


def sign_in_long_ago(client, user):
    """Signed in (password) more than 15 minutes ago: sensitive changes ask for the password again."""
    client.force_login(user)
    session = client.session
    session[sessions.CONFIRMED_AT] = time.time() - 16 * 60
    session.save()


def entries(action):
    return ModelLogEntry.objects.filter(action=f"classrooms.{action}")


def test_school_admin_requires_it_after_confirming_it_is_them(client, school, school_admin, teacher):
    """The screen asks for the password again first; then one tap requires it, once in the access record with who
    and from where, and the screen lists the staff who have not set it up yet."""
    sign_in_long_ago(client, school_admin)  # no recent password: "confirm it's you" first
    response = client.get(setting_url(school))
    assert response.status_code == 302 and response.url.startswith(reverse("classrooms:confirm_identity"))
    confirmed = client.post(response.url, {"password": PASSWORD})
    assert confirmed.url == setting_url(school)
    page = client.get(setting_url(school)).content.decode()
    assert teacher.email in page and school_admin.email in page
    client.post(setting_url(school), {"required": "1"})
    school.refresh_from_db()
    assert school.requires_second_factor
    entry = entries("second_factor_required").get()
    assert entry.user == school_admin and entry.data["school"] == school.pk and entry.data["address"] == "127.0.0.1"
    client.post(setting_url(school), {"required": "1"})  # no change, no second entry
    assert entries("second_factor_required").count() == 1


def test_a_post_without_a_recent_password_changes_nothing(client, school, school_admin):
    """Past 15 minutes, a POST is sent to confirm first and the school keeps its setting."""
    sign_in_long_ago(client, school_admin)
    response = client.post(setting_url(school), {"required": "1"})
    assert response.status_code == 302 and response.url.startswith(reverse("classrooms:confirm_identity"))
    school.refresh_from_db()
    assert not school.requires_second_factor and not entries("second_factor_required").exists()


@pytest.mark.parametrize("user_kind", ["teacher", "other_teacher"])
def test_only_the_school_admin_may_change_it(client, request, school, user_kind):
    """A teacher of the school, or of another school, gets 404 (GET or POST); nothing changes."""
    user = request.getfixturevalue(user_kind)
    sign_in(client, user)
    assert client.get(setting_url(school)).status_code == 404
    assert client.post(setting_url(school), {"required": "1"}).status_code == 404
    school.refresh_from_db()
    assert not school.requires_second_factor


@override_settings(STAFF_MFA_ENFORCED=True)
@pytest.mark.parametrize(
    ("language", "needed"),
    [("en", "You need two-step sign-in before you can go on."), ("zh-hans", "你需要先开启两步登录")],
)
def test_teacher_of_a_school_that_requires_it_is_sent_to_set_up(client, school, teacher, classroom, language, needed):
    """After the password, a teacher without an app reaches only the set-up screen, in their language; once set
    up, the class opens."""
    staff.set_second_factor_required(school=school, required=True)
    with translation.override(language):
        sign_in(client, teacher)
        url = reverse("classrooms:pupils", kwargs={"pk": classroom.pk})
        enrol_url = reverse("classrooms:second_factor_enrol")
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(enrol_url)
    assert needed in client.get(response.url).content.decode()
    enrol(client)
    assert client.get(url).status_code == 200


@override_settings(STAFF_MFA_ENFORCED=True)
def test_teacher_of_a_school_that_does_not_require_it_goes_straight_in(client, school, teacher, classroom):
    """Without the school's requirement a teacher still works with the password alone."""
    sign_in(client, teacher)
    assert client.get(reverse("classrooms:pupils", kwargs={"pk": classroom.pk})).status_code == 200


@override_settings(STAFF_MFA_ENFORCED=True)
def test_making_it_optional_again_frees_teachers_but_not_school_admins(client, school, school_admin, teacher):
    """Back to optional (audited): the teacher goes straight in again; the school admin still needs the app."""
    staff.set_second_factor_required(school=school, required=True)
    sign_in(client, school_admin)
    enrol(client)
    session = client.session
    session[sessions.CONFIRMED_AT] = time.time()
    session.save()
    client.post(setting_url(school), {"required": "0"})
    school.refresh_from_db()
    assert not school.requires_second_factor and entries("second_factor_optional").count() == 1
    client.post(reverse("classrooms:sign_out"))
    sign_in(client, teacher)
    assert client.get(reverse("classrooms:dashboard")).status_code == 200
    client.post(reverse("classrooms:sign_out"))
    sign_in(client, school_admin)
    assert client.get(reverse("classrooms:dashboard")).url.startswith(reverse("classrooms:second_factor"))
