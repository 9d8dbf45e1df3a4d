"""How long browsers and shared caches (a CDN, a school's proxy) may keep a public page."""

from django.utils.cache import patch_cache_control

PUBLIC_MAX_AGE = 10 * 60


def cache_for_visitors(request, response):
    """Let browsers and shared caches keep a page for anonymous visitors; signed-in users get a private copy."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response
