"""Previews of public pages in Wagtail's admin: framable by the admin, never cached, links kept inside."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.csp import CSP
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page


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


def translation_preview_links(obj, mode):
    """The language switch inside a preview: for each other language that has a version of `obj` (a page or a
    translatable snippet), the admin preview of that version as last saved (a draft included), in the same mode
    where that version has it; its edit screen if it has no revision. Never the live site: a preview's links stay
    in the admin. A language without a version of `obj` gets no link."""
    links = []
    for other in obj.get_translations().select_related("locale").order_by("locale__language_code"):
        other = other.specific if isinstance(other, Page) else other
        code = other.locale.language_code
        links.append({"code": code, "name": dict(settings.LANGUAGES).get(code, code), "url": _preview_url(other, mode)})
    return links


def _preview_url(obj, mode):
    if not obj.latest_revision_id:
        return AdminURLFinder().get_edit_url(obj)
    if isinstance(obj, Page):
        url = reverse("wagtailadmin_pages:revisions_view", args=(obj.pk, obj.latest_revision_id))
    else:
        url = reverse(obj.snippet_viewset.get_url_name("revisions_view"), args=(quote(obj.pk), obj.latest_revision_id))
    if mode not in dict(obj.preview_modes):
        mode = obj.default_preview_mode
    return f"{url}?{urlencode({'mode': mode})}"
