import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from wagtail.models import PageViewRestriction

from core import caching
from core.models import HelpContacts
from home.models import HomePage
from lessons.models import AgeBandPage, CurriculumPage, LessonPage
from parents.models import ParentGuidePage, ParentsIndexPage


def sneak_title(page, title):
    """Change a page's title behind Wagtail's back (no publish, no signal): only a purge can show it."""
    LessonPage.objects.filter(pk=page.pk).update(title=title)


def test_an_anonymous_visitor_is_served_the_cached_copy(client, lesson_en):
    """A second anonymous request gets the stored copy: a change that was not published does not show."""
    client.get(lesson_en.url)
    sneak_title(lesson_en, "Unpublished title")
    response = client.get(lesson_en.url)
    assert response.status_code == 200
    assert "Unpublished title" not in response.text
    assert lesson_en.title in response.text


def test_a_publish_purges_the_page(client, lesson_en):
    """After a publish, the next anonymous request shows the new text."""
    client.get(lesson_en.url)
    lesson_en.title = "A freshly published title"
    lesson_en.save_revision().publish()
    assert "A freshly published title" in client.get(lesson_en.url).text


def test_a_publish_purges_the_other_language_and_the_pages_listing_it(client, lesson_en, lesson_zh):
    """Publishing the English lesson purges its Chinese translation and the band page above it."""
    band = AgeBandPage.objects.ancestor_of(lesson_en).get()
    client.get(lesson_zh.url)
    client.get(band.url)
    sneak_title(lesson_zh, "新的标题")
    lesson_en.title = "Band listing title"
    lesson_en.save_revision().publish()
    assert "新的标题" in client.get(lesson_zh.url).text
    assert "Band listing title" in client.get(band.url).text


def test_an_unpublish_purges_the_page(client, lesson_en):
    """An unpublished lesson is gone on the next anonymous request, not served from the cache."""
    client.get(lesson_en.url)
    url = lesson_en.url
    lesson_en.unpublish()
    assert client.get(url).status_code == 404


def test_a_cached_response_carries_nothing_personal(client, lesson_en):
    """The stored copy sets no cookie and holds no CSRF token, and says it may be shared."""
    client.get(lesson_en.url)
    response = client.get(lesson_en.url)
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "csrfmiddlewaretoken" not in response.text
    assert response["Cache-Control"] == "public, max-age=600"
    assert "Cookie" in response["Vary"]


def test_a_signed_in_request_never_gets_a_cached_page(client, teacher, lesson_en):
    """A signed-in teacher's page is rendered for them, even when an anonymous copy is stored."""
    client.get(lesson_en.url)
    sneak_title(lesson_en, "Seen only when rendered")
    client.force_login(teacher)
    response = client.get(lesson_en.url)
    assert "Seen only when rendered" in response.text
    assert response["Cache-Control"] == "private"


def test_a_signed_in_page_is_never_stored_for_visitors(client, teacher, lesson_en):
    """What a signed-in teacher saw is never handed to the next anonymous visitor."""
    client.force_login(teacher)
    client.get(lesson_en.url)
    client.logout()
    sneak_title(lesson_en, "Rendered for the visitor")
    assert "Rendered for the visitor" in client.get(lesson_en.url).text


def test_a_help_contacts_change_shows_on_the_next_request(client, lesson_en):
    """Every page shows the help contacts: changing them purges every page."""
    client.get(lesson_en.url)
    contacts = HelpContacts.objects.get(locale=lesson_en.locale)
    contacts.contacts.append(("contact", {"name": "Newly added helpline", "purpose": "Someone to talk to."}))
    contacts.save()
    assert "Newly added helpline" in client.get(lesson_en.url).text


def test_a_query_string_is_never_served_from_the_cache(client, lesson_en):
    """Only the plain path is stored: a request with a query is rendered."""
    client.get(lesson_en.url)
    sneak_title(lesson_en, "Rendered for the query")
    assert "Rendered for the query" in client.get(f"{lesson_en.url}?from=map").text


def test_a_cached_page_costs_no_database_query(client, lesson_en, django_assert_num_queries):
    """Once stored, an anonymous page is answered before any routing: no query at all."""
    client.get(f"{lesson_en.url}step/1/")
    with django_assert_num_queries(0):
        response = client.get(f"{lesson_en.url}step/1/")
    assert response.status_code == 200 and lesson_en.title in response.text
    assert response["Cache-Control"] == "public, max-age=600"


def test_a_cached_page_keeps_the_security_headers(client, lesson_en):
    """A copy answered from the cache carries the same security headers as a rendered one."""
    rendered = client.get(lesson_en.url)
    cached = client.get(lesson_en.url)
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Content-Language"):
        assert cached[header] == rendered[header]


def test_a_new_view_restriction_purges_the_page(client, lesson_en):
    """Restricting a page takes its cached copy away from anonymous visitors at once."""
    client.get(lesson_en.url)
    PageViewRestriction.objects.create(page=lesson_en, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(lesson_en.url).status_code == 302


def test_search_results_are_served_from_the_cache_until_a_publish(client, lesson_en):
    """An anonymous search is stored by its full address; publishing any page purges every stored search."""
    url = "/en/search/?q=Freshly+searchable"
    assert "Freshly searchable lesson" not in client.get(url).text
    lesson_en.title = "Freshly searchable lesson"
    lesson_en.save_revision().publish()
    assert "Freshly searchable lesson" in client.get(url).text


def test_a_stored_search_costs_no_query_and_sets_no_cookie(client, en, django_assert_num_queries):
    """The second identical anonymous search is the stored copy: public, no cookie, no database query."""
    client.get("/en/search/?q=secret")
    with django_assert_num_queries(0):
        response = client.get("/en/search/?q=secret")
    assert response["Cache-Control"] == "public, max-age=600"
    assert not response.cookies


PAGE_TYPES = [HomePage, CurriculumPage, AgeBandPage, LessonPage, ParentsIndexPage, ParentGuidePage]


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_public_page_type_is_answered_from_the_cache(client, zh, model, django_assert_num_queries):
    """Each public page type's second anonymous view is the stored copy, answered before any query."""
    url = model.objects.live().filter(locale=zh).order_by("path").first().url
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


class CountingCache(LocMemCache):
    """The test cache, counting the round trips a real shared cache (Redis) would make: one per `get` or
    `get_many` (whose local-memory version calls `get` for each key)."""

    round_trips = 0
    inside_get_many = False

    def get(self, *args, **kwargs):
        CountingCache.round_trips += not CountingCache.inside_get_many
        return super().get(*args, **kwargs)

    def get_many(self, *args, **kwargs):
        CountingCache.round_trips += 1
        CountingCache.inside_get_many = True
        try:
            return super().get_many(*args, **kwargs)
        finally:
            CountingCache.inside_get_many = False


@override_settings(CACHES={"default": {"BACKEND": "tests.core.test_page_cache.CountingCache"}})
def test_a_cached_page_costs_one_cache_round_trip(client, lesson_en):
    """Once a process has seen an entry, answering it takes one cache round trip (entry and generations)."""
    client.get(lesson_en.url)
    client.get(lesson_en.url)
    CountingCache.round_trips = 0
    response = client.get(lesson_en.url)
    assert response.status_code == 200 and lesson_en.title in response.text
    assert CountingCache.round_trips == 1


def test_a_wrong_page_hint_never_serves_a_purged_copy(client, lesson_en):
    """The process's hint of which page an address belongs to is checked against the entry: a hint naming
    another page (whose generation happens to match) still sees this page's purge."""
    client.get(lesson_en.url)
    key = caching.entry_key(RequestFactory().get(lesson_en.url))
    assert caching._page_keys[key] == str(lesson_en.translation_key)
    caching._page_keys[key] = "another-page"
    cache.set(caching.page_generation_key("another-page"), cache.get(key)["page"])
    sneak_title(lesson_en, "Shown after the purge")
    caching.purge_pages([lesson_en])
    assert "Shown after the purge" in client.get(lesson_en.url).text


def test_the_cache_is_looked_up_before_anything_per_visitor():
    """The cached copy is answered right after the security headers and static files, before sessions, the
    language, CSRF, the user, messages or any redirect run."""
    middleware = settings.MIDDLEWARE
    position = middleware.index("core.caching.serve_cached_pages")
    assert middleware[:position] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_a_cached_page_keeps_every_header_of_the_rendered_one(client, lesson_en):
    """The stored copy carries the headers the middleware below the cache added (policy, language, frame,
    permissions, length) exactly as the rendered response had them."""
    rendered = client.get(lesson_en.url)
    cached = client.get(lesson_en.url)
    for header in ("Content-Security-Policy", "Permissions-Policy", "Content-Language", "Vary", "Content-Length"):
        assert cached[header] == rendered[header]


def test_each_host_has_its_own_copy(client, lesson_en):
    """A copy stored for one host name is not served for another (a site may show different pages per host)."""
    client.get(lesson_en.url)
    sneak_title(lesson_en, "Rendered for the other host")
    assert "Rendered for the other host" in client.get(lesson_en.url, HTTP_HOST="other.example").text


@override_settings(SECURE_HSTS_SECONDS=3600)
def test_a_copy_stored_over_https_gives_no_hsts_over_http(client, lesson_en):
    """Strict-Transport-Security is added per request (HTTPS only), never stored with the copy."""
    assert "Strict-Transport-Security" in client.get(lesson_en.url, secure=True)
    assert "Strict-Transport-Security" in client.get(lesson_en.url, secure=True)
    response = client.get(lesson_en.url, secure=False)
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


def test_a_response_deleting_a_stale_session_cookie_is_not_public(client, lesson_en):
    """A visitor with an old session cookie gets the page with the cookie deleted: private, and not stored."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-that-has-ended"
    response = client.get(lesson_en.url)
    assert settings.SESSION_COOKIE_NAME in response.cookies
    assert "public" not in response["Cache-Control"]
    client.cookies.clear()
    sneak_title(lesson_en, "Rendered for the next visitor")
    assert "Rendered for the next visitor" in client.get(lesson_en.url).text


def test_a_response_with_a_csp_nonce_is_never_stored():
    """A page that used the per-request CSP nonce, or sets a cookie, cannot be shared."""
    response = HttpResponse("<p>page</p>")
    response["Cache-Control"] = "public, max-age=600"
    assert caching.storable(response)
    response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc123'"
    assert not caching.storable(response)
    del response["Content-Security-Policy"]
    response.set_cookie("csrftoken", "x")
    assert not caching.storable(response)


def test_a_page_with_a_query_string_is_never_stored_but_search_is(client, lesson_en, django_assert_num_queries):
    """The cache middleware looks up addresses with a query, but only search results are ever stored there."""
    client.get(f"{lesson_en.url}?from=map")
    sneak_title(lesson_en, "Rendered again for the query")
    assert "Rendered again for the query" in client.get(f"{lesson_en.url}?from=map").text
    client.get("/en/search/?q=secret")
    with django_assert_num_queries(0):
        assert client.get("/en/search/?q=secret").status_code == 200
