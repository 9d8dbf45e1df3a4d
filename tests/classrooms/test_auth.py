"""Sign-in goes through django.contrib.auth: backends, LoginView, user_login_failed, never_cache, LOGIN_URL."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import resolve_url
from django.urls import reverse

from accounts import throttle as staff_throttle
from classrooms import passwords

from .conftest import type_number

# Throttles, locks and sign-in windows count in the cache the product shares between processes (STYLE.md).
pytestmark = pytest.mark.usefixtures("shared_cache")

ROOT = Path(__file__).resolve().parent.parent.parent
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))


@pytest.fixture
def failures():
    """Every user_login_failed sent during the test, as (credentials, request) pairs."""
    seen = []

    def receiver(sender, credentials, request=None, **kwargs):
        seen.append((credentials, request))

    user_login_failed.connect(receiver, dispatch_uid="tests.failures")
    yield seen
    user_login_failed.disconnect(dispatch_uid="tests.failures")


def wrong_pictures(pupil):
    return [key for key in passwords.PICTURES if key not in pupil.picture_keys][:2]


def test_failed_staff_sign_in_sends_user_login_failed(client, teacher, failures):
    """A wrong staff password fires user_login_failed with the email and a masked password."""
    client.post(reverse("classrooms:staff_login"), {"email": teacher.email, "password": "wrong"})
    assert len(failures) == 1
    credentials, request = failures[0]
    assert credentials["username"] == teacher.email and credentials["password"] != "wrong"
    assert request is not None


def test_unknown_staff_email_gets_the_same_answer_as_a_wrong_password(client, teacher, failures):
    """An unknown address and a wrong password show the same error, and both fire user_login_failed."""
    url = reverse("classrooms:staff_login")
    wrong = client.post(url, {"email": teacher.email, "password": "wrong"}).context["form"].non_field_errors()
    unknown = client.post(url, {"email": "nobody@example.com", "password": "wrong"}).context["form"].non_field_errors()
    assert list(wrong) == list(unknown) and len(failures) == 2


def test_failed_picture_sign_in_sends_user_login_failed(client, classroom, pupil, failures):
    """Two wrong pictures fire user_login_failed; the pupil's answer is masked in it."""
    type_number(client, classroom)
    url = reverse("classrooms:pupil_password", kwargs={"code": classroom.code, "pupil_pk": pupil.pk})
    client.post(url, {"pictures": wrong_pictures(pupil)})
    assert len(failures) == 1
    credentials, _request = failures[0]
    assert credentials["pupil"] == pupil and credentials["password"] != passwords.answer_for(
        pictures=wrong_pictures(pupil)
    )


def test_failed_word_sign_in_sends_user_login_failed(client, word_classroom, failures):
    """Two wrong words fire user_login_failed too."""
    type_number(client, word_classroom)
    pupil = word_classroom.pupils.first()
    url = reverse("classrooms:pupil_password", kwargs={"code": word_classroom.code, "pupil_pk": pupil.pk})
    client.post(url, {"word1": "nothing", "word2": "wrong"})
    assert [credentials["pupil"] for credentials, _request in failures] == [pupil]


def test_pupil_failures_do_not_count_against_staff(client, classroom, pupil, teacher):
    """The staff counter only hears email or username sign-ins; pupils' mistakes never lock a teacher."""
    type_number(client, classroom)
    url = reverse("classrooms:pupil_password", kwargs={"code": classroom.code, "pupil_pk": pupil.pk})
    for _ in range(staff_throttle.ACCOUNT_ADDRESS_LIMIT):
        client.post(url, {"pictures": wrong_pictures(pupil)})
    response = client.post(
        reverse("classrooms:staff_login"), {"email": teacher.email, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302


def test_wagtail_admin_failures_count_towards_the_staff_lock(client, teacher):
    """Wrong passwords at /admin/login/ count as well: one throttle for every password sign-in path."""
    for _ in range(staff_throttle.ACCOUNT_ADDRESS_LIMIT):
        client.post("/admin/login/", {"username": teacher.email.upper(), "password": "wrong"})
    response = client.post(
        reverse("classrooms:staff_login"), {"email": teacher.email, "password": "correct horse battery staple"}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_successful_sign_in_clears_the_failures(client, teacher):
    """A right password after a few wrong ones starts the count again."""
    url = reverse("classrooms:staff_login")
    for _ in range(staff_throttle.ACCOUNT_ADDRESS_LIMIT - 1):
        client.post(url, {"email": teacher.email, "password": "wrong"})
    client.post(url, {"email": teacher.email, "password": "correct horse battery staple"})
    client.logout()
    for _ in range(staff_throttle.ACCOUNT_ADDRESS_LIMIT - 1):
        client.post(url, {"email": teacher.email, "password": "wrong"})
    response = client.post(url, {"email": teacher.email, "password": "correct horse battery staple"})
    assert response.status_code == 302


def test_staff_sign_in_follows_a_local_next_link(client, teacher):
    """`next` within the site is where the teacher lands after signing in."""
    target = reverse("classrooms:classroom_create")
    response = client.post(
        reverse("classrooms:staff_login") + f"?next={target}",
        {"email": teacher.email, "password": "correct horse battery staple"},
    )
    assert response.url == target


def test_sign_in_pages_are_never_stored(client, classroom, pupil):
    """The staff and pupil sign-in pages and the invitation page send Cache-Control: no-store."""
    urls = [
        reverse("classrooms:staff_login"),
        reverse("classrooms:pupil_login"),
        reverse("classrooms:pupil_names", kwargs={"code": classroom.code}),
        reverse("classrooms:pupil_password", kwargs={"code": classroom.code, "pupil_pk": pupil.pk}),
    ]
    for url in urls:
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_login_url_is_the_staff_sign_in_not_the_wagtail_admin():
    """LOGIN_URL (used by redirect_to_login and login_required) is the teacher sign-in page."""
    assert resolve_url(settings.LOGIN_URL) == reverse("classrooms:staff_login")
    assert not resolve_url(settings.LOGIN_URL).startswith("/admin")


def _login_calls_naming_a_backend(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "login" and any(keyword.arg == "backend" for keyword in node.keywords):
                yield f"{path.relative_to(ROOT)}:{node.lineno}"


def test_login_never_names_a_backend():
    """Every sign-in authenticates first, so login() is never called with backend=."""
    found = [hit for app in APPS for path in (ROOT / app).rglob("*.py") for hit in _login_calls_naming_a_backend(path)]
    assert found == []
