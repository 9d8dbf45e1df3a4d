"""Previews of public pages in Wagtail's admin: framable by the admin, never cached, links kept inside."""

import re

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.csp import CSP


def preview_response(response, links):
    """A preview of a public page: the admin (same origin) may frame it, nobody else; it is never cached;
    links to the live screens in `links` ({URL: preview URL}) lead to the preview of that screen instead."""
    if hasattr(response, "render"):
        response.render()
    if links:
        urls = "|".join(re.escape(url) for url in links)
        pattern = re.compile(f'href="({urls})"')
        html = pattern.sub(lambda match: f'href="{links[match[1]]}"', response.content.decode())
        response.content = html.encode()
    response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
    response["X-Frame-Options"] = "SAMEORIGIN"
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
