"""The second factor: an authenticator app with recovery codes; required for editors and school admins."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import sessions
from accounts.groups import EDITORS
from tests.factories import UserFactory

# Throttles, locks and sign-in windows count in the cache the product shares between processes (STYLE.md).
pytestmark = pytest.mark.usefixtures("shared_cache")

PASSWORD = "correct horse battery staple"


def code_for(device, shift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - shift, digits=device.digits):06d}"


def sign_in(client, user):
    return client.post(reverse("classrooms:staff_login"), {"email": user.email, "password": PASSWORD})


def enrol(client):
    """Set up the app for the signed-in user; returns (device, recovery codes)."""
    client.get(reverse("classrooms:second_factor_enrol"))
    device = TOTPDevice.objects.get(user_id=client.session["_auth_user_id"])
    response = client.post(reverse("classrooms:second_factor_enrol"), {"code": code_for(device)})
    return device, response.context["codes"]


@override_settings(STAFF_MFA_ENFORCED=True)
def test_school_admin_must_set_up_the_second_factor(client, school, school_admin, classroom):
    """Signed in with only a password, a school admin reaches nothing but the set-up screen."""
    sign_in(client, school_admin)
    response = client.get(reverse("classrooms:pupils", kwargs={"pk": classroom.pk}))
    assert response.status_code == 302 and response.url.startswith(reverse("classrooms:second_factor_enrol"))


@override_settings(STAFF_MFA_ENFORCED=True)
def test_editor_must_set_up_the_second_factor_before_the_admin(client, db):
    """An editor signed in at /admin/login/ is sent to set up the app before /admin/ opens."""
    editor = UserFactory(groups=[EDITORS], email="cms@example.com")
    client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("classrooms:second_factor_enrol"))
    enrol(client)
    assert client.get("/admin/").status_code == 200


@override_settings(STAFF_MFA_ENFORCED=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_teacher_is_not_required_but_may_enrol(client, teacher, school, classroom):
    """A teacher works with a password alone; once enrolled, the next sign-in asks for the code."""
    sign_in(client, teacher)
    url = reverse("classrooms:pupils", kwargs={"pk": classroom.pk})
    assert client.get(url).status_code == 200
    device, codes = enrol(client)
    assert len(codes) == 10
    client.post(reverse("classrooms:sign_out"))
    sign_in(client, teacher)
    response = client.get(url)
    assert response.url.startswith(reverse("classrooms:second_factor"))
    wrong = client.post(response.url, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    device.refresh_from_db()
    assert client.post(response.url, {"code": code_for(device, shift=30)}).url == url


def test_recovery_code_works_once(client, teacher, school):
    """A recovery code stands in for the app one time only."""
    sign_in(client, teacher)
    _device, codes = enrol(client)
    for expected in ["dashboard", "again"]:
        client.post(reverse("classrooms:sign_out"))
        sign_in(client, teacher)
        response = client.post(reverse("classrooms:second_factor"), {"code": codes[0]})
        if expected == "dashboard":
            assert response.status_code == 302
        else:
            assert response.status_code == 200 and response.context["form"].errors


def test_confirmation_asks_for_the_code_when_enrolled(client, teacher, classroom):
    """ "Confirm it's you" needs the password and the app's code once the teacher has the app."""
    sign_in(client, teacher)
    device, _codes = enrol(client)
    session = client.session
    session[sessions.CONFIRMED_AT] = time.time() - 16 * 60
    session.save()
    url = reverse("classrooms:confirm_identity")
    without = client.post(url, {"password": PASSWORD})
    assert without.status_code == 200 and "code" in without.context["form"].errors
    device.refresh_from_db()
    assert client.post(url, {"password": PASSWORD, "code": code_for(device, shift=30)}).status_code == 302


@pytest.mark.parametrize("user_kind", ["teacher", "school_admin"])
def test_second_factor_screens_are_translated(client, db, request, user_kind):
    """The set-up screen speaks Chinese under /zh-hans/."""
    user = request.getfixturevalue(user_kind)
    client.force_login(user)
    with translation.override("zh-hans"):
        url = reverse("classrooms:second_factor_enrol")
    html = client.get(url).content.decode()
    assert "两步" in html
