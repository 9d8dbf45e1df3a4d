"""How long browsers and shared caches (a CDN, a school's proxy) may keep a public page.

One policy for every public page: the same screen for every anonymous visitor is `public` for ten minutes;
anything personal is `private`. A response is personal when the visitor is signed in, when it is a redirect
or not a plain GET, when it sets a cookie or will (a session that is not empty or was changed, a CSRF token
in the page, a message), so that a shared cache never hands one visitor's state to another.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language, get_language_from_path
from wagtail.models import Page, PageViewRestriction

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
    base page does) and keeps an anonymous visitor's copy in the shared page cache below, from which
    `serve_cached_pages` answers the next visitor before any routing. Routes that set their own Cache-Control
    (quiz screens, the teacher's plan) keep it and are never stored."""

    def serve(self, request, *args, **kwargs):
        def render():
            return super(PublicCacheMixin, self).serve(request, *args, **kwargs)

        return shared_copy(request, render, depends_on=self.translation_key)

    def get_view_restrictions(self):
        """Wagtail's check before serving a page, without its two queries when no page above it is restricted."""
        none = view_restrictions(self)
        return none if none is not None else super().get_view_restrictions()


def shared_copy(request, render, *, depends_on, query=False):
    """The stored copy of this response for an anonymous visitor, or `render()` with the cache policy applied,
    kept for the next visitor when it is public. `depends_on` names the generation that purges it (a page's
    translation key, or SEARCH); `query`: a query string is part of the key rather than a reason not to cache.
    The copy is stored by `serve_cached_pages` once every middleware has added its headers."""
    if not may_use_cache(request, query=query):
        return cache_for_visitors(request, render())
    # `serve_cached_pages` has looked already for a plain visit; look here for the rest (a stale session cookie).
    response = None if getattr(request, LOOKED_UP, False) else cached_response(request)
    if response is not None:
        return response
    # The generations are read before rendering: a purge during the rendering makes this copy stale at once.
    setattr(request, ENTRY, new_entry(request, depends_on))
    return cache_for_visitors(request, render())


# The shared page cache: an anonymous visitor's copy of a public page, kept in Django's cache (Redis or the
# database in production, so every app server sees one copy and one purge) under its language and path. The
# entry remembers the page's translation key and two generation numbers current when it was rendered: the
# page's own (shared by its translations, so a purge reaches both languages) and the site's (help contacts
# appear on every page). A purge sets a new generation; an entry made under an old one is never served again
# and expires.

PAGE_CACHE_PREFIX = "pagecache"
SITE_GENERATION = f"{PAGE_CACHE_PREFIX}:site"
# What a stored copy may not keep: the server's own headers, and Strict-Transport-Security, which
# SecurityMiddleware (above `serve_cached_pages`) adds for HTTPS requests only.
UNSTORED_HEADERS = {"date", "server", "connection", "set-cookie", "strict-transport-security"}
# Request attributes: the entry `shared_copy` made for storing, and that `serve_cached_pages` looked already.
ENTRY = "_page_cache_entry"
LOOKED_UP = "_page_cache_looked_up"


def page_generation_key(translation_key):
    return f"{PAGE_CACHE_PREFIX}:page:{translation_key}"


def generations(keys):
    """The current generation of each key; a missing one (never set, or evicted) starts a new number, so an
    entry stored under an old number is never read again."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def new_generation(*keys):
    """Purge: every entry stored under these generations is stale from now on."""
    cache.set_many(dict.fromkeys(keys, time.time_ns()), None)


# Search results depend on every page: any page purge purges them all.
SEARCH = "search"


def purge_pages(pages):
    """Purge these pages in every language, and every search result (a page may enter or leave any of them)."""
    new_generation(*{page_generation_key(page.translation_key) for page in pages}, page_generation_key(SEARCH))


def purge_site():
    """Purge every cached page (help contacts or a move change what every page shows)."""
    new_generation(SITE_GENERATION)


def may_use_cache(request, *, query=False):
    """Only an anonymous, plain GET of the path without a query (unless `query`), with no session, in the
    language its address names, is served or stored."""
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and (query or not request.GET)
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
        and (session is None or session.is_empty())
        and get_language_from_path(request.path_info) == get_language()
    )


def is_plain_visit(request):
    """What `serve_cached_pages` can tell before any session, user or page is loaded: a GET from a browser with
    no session and no pending message. Anything else goes the long way, where `may_use_cache` decides. (An
    address with a query string is looked up too: only `shared_copy(query=True)`, search, ever stores one.)"""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage (the fallback storage's first)


def entry_key(request):
    """One address, one entry: the scheme, the host name and the full path (whose first part is the language).
    Not the port: app servers behind a load balancer, or on ports of their own, share one copy."""
    host, _port = split_domain_port(request.get_host())
    address = f"{request.scheme}://{host}{request.get_full_path()}"
    return f"{PAGE_CACHE_PREFIX}:path:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


# Which page generation each entry was stored under, as this process last saw it: a hint that lets
# `cached_response` fetch the entry, the site's generation and the page's in one round trip. The entry itself
# says which page it belongs to, and a hint that does not match it costs a second round trip, never a wrong page.
_page_keys = {}
PAGE_KEY_HINTS = 10_000


def remember_page_key(key, page_key):
    if len(_page_keys) >= PAGE_KEY_HINTS:
        _page_keys.clear()
    _page_keys[key] = page_key


def cached_response(request):
    """The stored copy of this address if no purge has passed it since, else None: one cache round trip (the
    entry with the site's and its page's generations) once this process has seen the entry."""
    key = entry_key(request)
    hint = _page_keys.get(key)
    keys = [SITE_GENERATION, key] if hint is None else [SITE_GENERATION, key, page_generation_key(hint)]
    found = cache.get_many(keys)
    entry = found.get(key)
    if entry is None or entry["site"] != found.get(SITE_GENERATION):
        return None
    if entry["page_key"] == hint:
        page = found.get(page_generation_key(hint))
    else:
        remember_page_key(key, entry["page_key"])
        page = cache.get(page_generation_key(entry["page_key"]))
    if page != entry["page"]:
        return None
    response = HttpResponse(entry["content"], status=entry["status"])
    for header, value in entry["headers"].items():
        response[header] = value
    return response


def new_entry(request, depends_on):
    site, own = generations([SITE_GENERATION, page_generation_key(depends_on)])
    return {"key": entry_key(request), "page_key": str(depends_on), "site": site, "page": own}


def storable(response):
    """Only a public 200 that carries no state: no cookie, no CSRF token, no CSP nonce (which is per request)."""
    policies = response.get("Content-Security-Policy", "") + response.get("Content-Security-Policy-Report-Only", "")
    return (
        response.status_code == 200
        and not response.streaming
        and "public" in response.get("Cache-Control", "")
        and not response.cookies
        and "'nonce-" not in policies
        and b"csrfmiddlewaretoken" not in response.content
    )


def store(entry, response):
    """Keep the finished response, with every header the middleware below `serve_cached_pages` added."""
    if not storable(response):
        return
    headers = {header: value for header, value in response.items() if header.lower() not in UNSTORED_HEADERS}
    key = entry["key"]
    cache.set(key, {**entry, "content": response.content, "status": 200, "headers": headers}, PUBLIC_MAX_AGE)
    remember_page_key(key, entry["page_key"])


def no_public_cookies(response):
    """A response that sets a cookie (a stale session cookie deleted, say) is never `public`: a shared cache
    would hand the cookie to the next visitor."""
    if response.cookies and "public" in response.get("Cache-Control", ""):
        patch_cache_control(response, private=True)
    return response


def serve_cached_pages(get_response):
    """Middleware, right after SecurityMiddleware and WhiteNoise: an anonymous visitor's GET of an address that
    is in the shared cache is answered here, with the headers it was stored with, before sessions, the
    language, CSRF, authentication, messages and URL resolution run. On the way out it stores the finished
    response `shared_copy` asked it to keep (the headers of the middleware below included) if it is still
    `storable`, and makes any response that sets a cookie private."""

    def middleware(request):
        if is_plain_visit(request):
            response = cached_response(request)
            if response is not None:
                return response
            setattr(request, LOOKED_UP, True)
        response = get_response(request)
        entry = getattr(request, ENTRY, None)
        if entry is not None:
            store(entry, response)
        return no_public_cookies(response)

    return middleware


def kept(name, make, *, depends_on=None):
    """What `make()` returns, the same for every visitor (never anything personal: no user, session or token may
    go into it), kept in the shared cache under `name` until the site's generation moves on, or the page
    generation of `depends_on` (a translation key). One cache round trip when it is kept."""
    generation_keys = [SITE_GENERATION] + ([page_generation_key(depends_on)] if depends_on else [])
    key = f"{PAGE_CACHE_PREFIX}:kept:{name}"
    found = cache.get_many([*generation_keys, key])
    current = [found.get(generation) for generation in generation_keys]
    entry = found.get(key)
    if entry is not None and None not in current and entry["generations"] == current:
        return entry["value"]
    current = generations(generation_keys)  # read before making: a purge meanwhile makes this copy stale at once
    value = make()
    cache.set(key, {"generations": current, "value": value}, PUBLIC_MAX_AGE)
    return value


# The view-restriction check of every public page (core/routing.py keeps the walk to the page cheap).

CHECKED_PATHS = f"{PAGE_CACHE_PREFIX}:checked"
ROUTE_MAX_AGE = 24 * 60 * 60


def checked_paths():
    """The tree paths at and below which a page may have view restrictions: restricted pages and alias pages."""
    (site_generation,) = generations([SITE_GENERATION])
    found = cache.get(CHECKED_PATHS)
    if found is not None and found["site_generation"] == site_generation:
        return found["paths"]
    paths = sorted(
        {
            *PageViewRestriction.objects.values_list("page__path", flat=True),
            *Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True),
        }
    )
    cache.set(CHECKED_PATHS, {"site_generation": site_generation, "paths": paths}, ROUTE_MAX_AGE)
    return paths


def view_restrictions(page):
    """`Page.get_view_restrictions()` without its two queries when no page above (or at) this one is
    restricted or an alias."""
    paths = getattr(page, "_checked_paths", None)
    if paths is None:
        paths = checked_paths()
    if not page.alias_of_id and not any(page.path.startswith(path) for path in paths):
        return PageViewRestriction.objects.none()
    return None
