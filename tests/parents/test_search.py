import pytest

from lessons.models import LessonPage
from parents.models import ParentGuidePage

pytestmark = pytest.mark.django_db


def _results(client, language, query, **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response, response.context["results"].object_list


@pytest.mark.parametrize("query", ["秘密", "照片"])
def test_chinese_query_finds_chinese_guides_without_spaces(client, query):
    """A Chinese word finds the Chinese guides that contain it, though Chinese text has no spaces."""
    response, results = _results(client, "zh-hans", query)
    guides = ParentGuidePage.objects.live().filter(locale__language_code="zh-hans")
    containing = {guide.pk for guide in guides if query in guide.plain_text()}
    assert containing
    found = {page.pk for page in results}
    assert found & containing
    assert all(page.locale.language_code == "zh-hans" for page in results)
    assert response.context["results"].paginator.count >= len(containing)


def test_chinese_phrase_inside_a_sentence_is_found(client):
    """A word run together with others in the text ("陌生人私信") is still found."""
    _, results = _results(client, "zh-hans", "陌生人私信")
    assert any(isinstance(page, ParentGuidePage) for page in results)


def test_english_query_finds_english_guides_only(client):
    """ "secret" finds English guides, and nothing in Chinese."""
    _, results = _results(client, "en", "secret")
    assert any(isinstance(page, ParentGuidePage) for page in results)
    assert all(page.locale.language_code == "en" for page in results)


@pytest.mark.parametrize(("language", "query"), [("en", "秘密"), ("zh-hans", "secret")])
def test_other_languages_pages_are_never_found(client, language, query):
    """A query in the other language finds nothing: results are in the visitor's language only."""
    response, results = _results(client, language, query)
    assert list(results) == []
    assert 'class="empty-state"' in response.content.decode()


def test_lesson_summaries_are_searched(client):
    """Public lessons are found by words of their summary."""
    lesson = LessonPage.objects.live().filter(locale__language_code="zh-hans").order_by("path").first()
    _, results = _results(client, "zh-hans", lesson.title)
    assert lesson.pk in {page.pk for page in results}


def test_results_are_paginated(client):
    """More results than fit on a page are split into pages with a link to the next one."""
    response, results = _results(client, "zh-hans", "孩子")
    assert len(results) == 10
    assert response.context["results"].paginator.num_pages >= 2
    assert 'rel="next"' in response.content.decode()
    _, second = _results(client, "zh-hans", "孩子", page=2)
    assert {p.pk for p in second}.isdisjoint({p.pk for p in results})


ODD_QUERIES = [{}, {"q": ""}, {"q": "   "}, {"q": "？！"}, {"q": "x" * 5000}, {"q": "secret", "page": "zz"}]


@pytest.mark.parametrize("params", ODD_QUERIES)
def test_odd_queries_never_fail(client, params):
    """Empty, punctuation-only, very long queries and bad page numbers give a page, not an error."""
    assert client.get("/en/search/", params).status_code == 200


def test_search_page_is_in_the_visitors_language(client):
    """The search page speaks the language of its URL."""
    assert '<html lang="zh-hans">' in client.get("/zh-hans/search/").content.decode()
    assert '<html lang="en">' in client.get("/en/search/").content.decode()
