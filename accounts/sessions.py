"""Sessions: the idle timeout kept without a write per request; for staff, an absolute lifetime on top of it and
"confirm it's you" before sensitive acts.

The idle timeout (SESSION_COOKIE_AGE) counts from the session's last save. Saving on every request
(SESSION_SAVE_EVERY_REQUEST) would cost a database write per page view, a pupil's every lesson step included;
`keep_alive` saves a signed-in session only when its last save is SESSION_REFRESH_SECONDS old, so it still
ends between SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE after the last request.

The staff rules are timestamps in the session, set when someone signs in (`user_logged_in`). A staff session older than
STAFF_SESSION_MAX_AGE is ended on its next request however busy it was; login cards, exports, deletions and
changes to who has access ask for the password again (and the second factor, when enrolled) once the last
sign-in or confirmation is older than STAFF_REAUTH_SECONDS."""

import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

SIGNED_IN_AT = "accounts.signed_in_at"
CONFIRMED_AT = "accounts.confirmed_at"
REFRESHED_AT = "accounts.refreshed_at"


def start(sender, request, user, **kwargs):
    """`user_logged_in` receiver: the session's absolute lifetime, the confirmation and the idle timeout start now."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[CONFIRMED_AT] = request.session[REFRESHED_AT] = time.time()


def confirm(request):
    """The person has just proved it is them again (password, and second factor when enrolled)."""
    request.session[CONFIRMED_AT] = time.time()


def recently_confirmed(request):
    return time.time() - request.session.get(CONFIRMED_AT, 0) < settings.STAFF_REAUTH_SECONDS


def expired(request):
    return time.time() - request.session.get(SIGNED_IN_AT, 0) >= settings.STAFF_SESSION_MAX_AGE


def keep_alive(get_response):
    """Middleware (after SessionMiddleware): save a session that holds something when its last save is older
    than SESSION_REFRESH_SECONDS, which moves its expiry on; otherwise a request writes no session."""

    def middleware(request):
        session = request.session
        # A cookie, and a session behind it that holds something (never start one for a stale cookie).
        live = bool(session.session_key) and bool(session.keys())
        if live and time.time() - session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[REFRESHED_AT] = time.time()
        return get_response(request)

    return middleware


def absolute_lifetime(get_response):
    """Middleware (after AuthenticationMiddleware): end a staff session past its absolute lifetime."""

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_pupil and expired(request):
            logout(request)
        return get_response(request)

    return middleware


def safe_next(request, url):
    allowed = url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure())
    return url if url and allowed else ""


def confirmation_required(view):
    """Send the member of staff to confirm it is them unless they did within STAFF_REAUTH_SECONDS.

    A GET comes back to the same address afterwards; a POST to the page it was sent from."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated and not recently_confirmed(request):
            return ask_confirmation(request)
        return view(request, *args, **kwargs)

    return wrapper


def ask_confirmation(request):
    """To the "confirm it's you" page, and back afterwards (a GET to itself, a POST to the page it came from)."""
    back = request.get_full_path() if request.method == "GET" else request.META.get("HTTP_REFERER", "")
    back = safe_next(request, back)
    target = resolve_url(settings.STAFF_REAUTH_URL)
    return redirect(f"{target}?{urlencode({'next': back})}" if back else target)
