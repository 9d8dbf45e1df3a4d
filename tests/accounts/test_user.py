"""The user model: staff emails, and sessions that can be ended everywhere."""

import pytest
from django.db import IntegrityError

from accounts.models import Kind, User


def test_staff_emails_are_unique_in_any_case(db):
    """Two staff accounts cannot share an email, whatever its case; pupils have none."""
    User.objects.create_user(username="a", email="Teacher@School.example")
    with pytest.raises(IntegrityError):
        User.objects.create_user(username="b", email="teacher@school.example")


def test_pupil_accounts_need_no_email(db):
    """Any number of pupil accounts have no email at all."""
    User.objects.create_user(username="p1", kind=Kind.PUPIL)
    User.objects.create_user(username="p2", kind=Kind.PUPIL)
    assert User.objects.filter(kind=Kind.PUPIL, email="").count() == 2


def test_ending_sessions_signs_the_account_out_everywhere(client, db):
    """After end_sessions(), a session opened before it is no longer signed in."""
    user = User.objects.create_user(username="t", email="t@school.example", password="x long pass 42")
    client.force_login(user)
    assert client.get("/en/teach/").status_code == 200
    user.end_sessions()
    response = client.get("/en/teach/")
    assert response.status_code == 302 and "/teach/login/" in response.url
