"""The page index (core/routing.py) finds a page in one query, and never where Wagtail's own walk would not."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from lessons.models import LessonPage
from tests.factories import UserFactory


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_a_known_path_is_found_without_walking_the_tree(client, lesson_en):
    """After one walk down the tree, the next request for the page (or a route below it) skips the site, locale,
    tree and restriction queries: at least five fewer than the walk."""
    client.force_login(UserFactory())
    client.get(f"{lesson_en.url}step/1/")
    known = _queries(client, f"{lesson_en.url}step/2/")
    cache.clear()  # the index forgotten: Wagtail's walk again (and the chrome made again)
    walked = _queries(client, f"{lesson_en.url}step/2/")
    assert known <= walked - 5


def test_a_renamed_page_is_not_found_at_its_old_address(client, lesson_en):
    """A new slug, published, moves the page: its old address answers 404 even though the index knew it."""
    old = lesson_en.url
    assert client.get(f"{old}step/1/").status_code == 200
    lesson_en.slug = f"{lesson_en.slug}-renamed"
    lesson_en.save_revision().publish()
    lesson = LessonPage.objects.get(pk=lesson_en.pk)
    assert client.get(f"{old}step/1/").status_code == 404
    assert client.get(f"{lesson.url}step/1/").status_code == 200


def test_a_view_restriction_added_later_is_enforced(client, lesson_en):
    """A page the index knows, restricted to signed-in users afterwards, sends an anonymous visitor to sign in."""
    assert client.get(f"{lesson_en.url}step/1/").status_code == 200
    PageViewRestriction.objects.create(page=lesson_en, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(f"{lesson_en.url}step/2/")
    assert response.status_code == 302 and "login" in response["Location"]
