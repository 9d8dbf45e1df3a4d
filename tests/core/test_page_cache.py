import pytest
from wagtail.models import PageViewRestriction

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
