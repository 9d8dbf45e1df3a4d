from django.conf import settings

from .headers import PERMISSIONS_POLICY


def admin_csp(get_response):
    """Give Wagtail's admin (editors only) its looser policy; the public site keeps the strict one."""

    def middleware(request):
        response = get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_config = settings.ADMIN_CSP
        return response

    return middleware


def permissions_policy(get_response):
    """Camera, microphone and location are off for every response (pages, API, errors, admin)."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware
