"""Sessions slide with use (two idle hours) without a database write on every request."""

import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.sessions import REFRESHED_AT


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_request_soon_after_the_last_save_does_not_save_the_session(client, teacher):
    """Within SESSION_REFRESH_SECONDS of the last save a request leaves the stored session as it was."""
    client.force_login(teacher)
    client.get(reverse("classrooms:dashboard"))
    before = _expiry(client)
    response = client.get(reverse("classrooms:dashboard"))
    assert response.status_code == 200
    assert _expiry(client) == before
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_a_request_after_the_refresh_period_moves_the_expiry_on(client, teacher):
    """Once the last save is SESSION_REFRESH_SECONDS old, the next request saves the session: the idle timeout
    counts from then."""
    client.force_login(teacher)
    session = client.session
    session[REFRESHED_AT] = time.time() - settings.SESSION_REFRESH_SECONDS - 1
    session.save()
    before = _expiry(client)
    time.sleep(0.01)
    client.get(reverse("classrooms:dashboard"))
    assert _expiry(client) > before
    assert time.time() - client.session[REFRESHED_AT] < 60


def test_a_stale_cookie_starts_no_session(client, en):
    """A visitor whose cookie names no session gets no new session: at most Django's deletion of the cookie."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    response = client.get("/en/")
    assert response.status_code == 200
    assert not Session.objects.exists()
    cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
    assert cookie is None or cookie.value == ""
