from django.conf import settings


def admin_csp(get_response):
    """Give Wagtail's admin (editors only) its looser policy; the public site keeps the strict one."""

    def middleware(request):
        response = get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_config = settings.ADMIN_CSP
        return response

    return middleware
