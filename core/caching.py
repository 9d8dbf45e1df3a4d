"""How long browsers and shared caches (a CDN, a school's proxy) may keep a public page.

One policy for every public page: the same screen for every anonymous visitor is `public` for ten minutes;
anything personal is `private`. A response is personal when the visitor is signed in, when it is a redirect
or not a plain GET, when it sets a cookie or will (a session that is not empty or was changed, a CSRF token
in the page, a message), so that a shared cache never hands one visitor's state to another.
"""

from django.utils.cache import patch_cache_control, patch_vary_headers

PUBLIC_MAX_AGE = 10 * 60


def is_personal(request, response):
    """Whether the response depends on who asked, or carries state back to them."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or request.user.is_authenticated
        or bool(response.cookies)
        or (session is not None and (session.modified or not session.is_empty()))
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        or (messages is not None and (messages.added_new or messages.used))
    )


def apply_cache_policy(request, response):
    """Mark a finished response public (anonymous, nothing personal) or private; views that chose keep theirs."""
    if response.has_header("Cache-Control"):
        return response
    if is_personal(request, response):
        patch_cache_control(response, private=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])
    return response


def cache_for_visitors(request, response):
    """Apply the cache policy once the response is rendered (a template may still add a CSRF token or read
    the session), or now if it is already."""
    if getattr(response, "is_rendered", True):
        return apply_cache_policy(request, response)
    response.add_post_render_callback(lambda rendered: apply_cache_policy(request, rendered))
    return response


class PublicCacheMixin:
    """For page types anyone may read: `serve()` applies the public cache policy above (as torchbox.com's
    base page does). Routes that set their own Cache-Control (quiz screens, the teacher's plan) keep it."""

    def serve(self, request, *args, **kwargs):
        return cache_for_visitors(request, super().serve(request, *args, **kwargs))
