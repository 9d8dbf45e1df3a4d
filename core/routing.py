"""Wagtail's page routing in one query: a shared index from a path to the page it leads to.

Wagtail finds a page by walking the tree from the site's root, one query per level, after a query for the
site, one for the locale's root and, for the view-restriction check, two more (the ancestors, then their
restrictions): about nine queries before a pupil's step or quiz answer does any work. The index remembers,
per host, language and path, which page the walk found; the next request for that path (or below it: a
lesson's step and quiz screens are routes of the lesson) loads the page by its id in one query and lets the
page route the rest itself (`Page.route`, so routable pages and child pages behave as before).

Nothing in the index is personal: a path, a page id and the site. An entry is used only when the page still
has the URL path it had when stored (a move or a renamed slug changes it) and the site generation is the one
it was stored under (`core.caching.purge_site`: a move, a change to a site or to any view restriction).
Everything else goes Wagtail's own way, which then stores the entry. The view-restriction check is cheap
too: the paths of restricted pages (and of alias pages, whose restrictions are their source's) are kept in
the shared cache under the site generation, and a page below none of them has none (`view_restrictions`).
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site, get_page_models

from .caching import CHECKED_PATHS, ROUTE_MAX_AGE, SITE_GENERATION, generations

ROUTE_PREFIX = "route"


def _entry_key(request, language, components):
    where = f"{request._get_raw_host()}|{request.get_port()}|{language}|{'/'.join(components)}"
    return f"{ROUTE_PREFIX}:path:{hashlib.sha256(where.encode()).hexdigest()[:32]}"


_routable_parents = None


def index_is_safe():
    """A routable page with children could claim, by one of its routes, a path the index leads below it: then
    only Wagtail's walk is right, and the index is not used. SafeSteps' only routable page, the lesson, is a
    leaf."""
    global _routable_parents
    if _routable_parents is None:
        _routable_parents = [
            model
            for model in get_page_models()
            if issubclass(model, RoutablePageMixin) and model.allowed_subpage_models()
        ]
    return not _routable_parents


def route_from_index(request, path):
    """Set Wagtail's per-request site and route (what `Page.route_for_request` would find) from the index;
    False when the index does not know the path (or no longer may be trusted for it)."""
    components = [component for component in path.split("/") if component]
    language = get_language()
    lengths = range(len(components), -1, -1)
    keys = {length: _entry_key(request, language, components[:length]) for length in lengths}
    found = cache.get_many([SITE_GENERATION, CHECKED_PATHS, *keys.values()])
    site_generation = found.get(SITE_GENERATION)
    usable = (
        (length, found[key])
        for length, key in keys.items()
        if key in found and site_generation is not None and found[key]["site_generation"] == site_generation
    )
    length, entry = next(usable, (None, None))  # the longest path the index knows
    if entry is None:
        return False
    model = ContentType.objects.get_for_id(entry["content_type"]).model_class()
    page = model.objects.filter(pk=entry["page"]).first() if model is not None else None
    if page is None or page.url_path != entry["url_path"]:
        return False
    checked = found.get(CHECKED_PATHS)
    if checked is not None and checked["site_generation"] == site_generation:
        page._checked_paths = checked["paths"]
    request._wagtail_site = entry["site"]
    try:
        request._wagtail_route_for_request = page.route(request, components[length:])
    except Http404:
        request._wagtail_route_for_request = None
    return True


def remember_route(request, path):
    """After Wagtail's own walk: store where this path led, so that the next request skips the walk."""
    result = Page.route_for_request(request, path)
    site = Site.find_for_request(request)
    if result is None or site is None:
        return
    page = result[0]
    components = [component for component in path.split("/") if component]
    consumed = page.depth - site.root_page.depth
    own = page.url_path.strip("/").split("/")[1:]
    if not 0 <= consumed <= len(components) or own != components[:consumed]:
        return  # not a plain walk down from the site's root
    if page.locale.language_code.lower() != get_language().lower():
        return  # another language's page standing in for a missing translation: leave it to the walk
    (site_generation,) = generations([SITE_GENERATION])
    plain_site = Site(**{field.attname: getattr(site, field.attname) for field in Site._meta.concrete_fields})
    entry = {
        "site_generation": site_generation,
        "site": plain_site,
        "page": page.pk,
        "content_type": page.content_type_id,
        "url_path": page.url_path,
    }
    cache.set(_entry_key(request, get_language(), components[:consumed]), entry, ROUTE_MAX_AGE)


class PageIndexMiddleware:
    """Before Wagtail's `serve` view runs: route from the index, or walk and remember."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or not index_is_safe():
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        if not route_from_index(request, path):
            remember_route(request, path)
        return None
