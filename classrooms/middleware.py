"""A pupil's session has an absolute lifetime as well as the idle timeout: PUPIL_SESSION_HOURS after sign-in."""

from django.contrib.auth import logout

from .services.signin import session_expired


def pupil_session_lifetime(get_response):
    def middleware(request):
        # Only sessions that a pupil sign-in marked are checked; reading the session loads no user.
        if session_expired(request.session):
            logout(request)
        return get_response(request)

    return middleware
