import uuid

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from core.caching import apply_cache_policy
from home.models import HomePage
from lessons.models import AgeBandPage, CurriculumPage, LessonPage
from parents.models import ParentGuidePage, ParentsIndexPage

PUBLIC = "public, max-age=600"
PAGE_TYPES = [HomePage, CurriculumPage, AgeBandPage, LessonPage, ParentsIndexPage, ParentGuidePage]


def first_page(model, locale):
    return model.objects.live().filter(locale=locale).order_by("path").first()


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_public_page_types_are_public_for_visitors(client, en, model):
    """Every public page type tells browsers and shared caches to keep it ten minutes for anonymous visitors."""
    response = client.get(first_page(model, en).url)
    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC
    assert "Cookie" in response["Vary"]
    assert not response.cookies


def test_search_is_public_for_visitors(client, db):
    """The search results page is the same for every anonymous visitor and is cached like the pages."""
    assert client.get("/en/search/?q=secret")["Cache-Control"] == PUBLIC


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_public_page_types_are_private_for_signed_in_users(client, teacher, en, model):
    """A signed-in user's copy of a public page is private: no shared cache may keep it."""
    client.force_login(teacher)
    cache_control = client.get(first_page(model, en).url)["Cache-Control"]
    assert cache_control == "private"


def test_a_visitor_practising_a_quiz_is_never_public(client, en):
    """Once an anonymous visitor's quiz practice is kept in their session, their pages are private."""
    lesson = LessonPage.objects.live().filter(locale=en, quiz__isnull=False).first()
    question = lesson.quiz.questions.first()
    choice = question.choices.first()
    client.post(f"{lesson.url}quiz/{uuid.uuid4()}/1/", {"choice": [choice.pk]})
    assert client.session.get("quiz_practice")
    response = client.get(lesson.url)
    assert "public" not in response["Cache-Control"]


def test_quiz_start_redirect_is_never_public(client, en):
    """Starting a quiz redirects each visitor to their own go at it: the redirect is not shared."""
    lesson = LessonPage.objects.live().filter(locale=en, quiz__isnull=False).first()
    response = client.get(f"{lesson.url}quiz/start/")
    assert response.status_code == 302
    assert "public" not in response["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_never_public(rf: RequestFactory):
    """A response carrying a cookie is private, whoever asked."""
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/en/")
    request.user = AnonymousUser()
    response = HttpResponse("hello")
    response.set_cookie("flavour", "ginger")
    assert apply_cache_policy(request, response)["Cache-Control"] == "private"


def test_a_page_with_a_csrf_token_is_never_public(rf: RequestFactory):
    """A page that carries a CSRF token (and so sets the CSRF cookie) is private."""
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/en/")
    request.user = AnonymousUser()
    get_token(request)
    assert apply_cache_policy(request, HttpResponse("form"))["Cache-Control"] == "private"


def test_the_teachers_plan_keeps_its_own_policy(client, teacher, en):
    """A route that chose its own headers (the plan with teacher notes) keeps them: never stored."""
    client.force_login(teacher)
    lesson = first_page(LessonPage, en)
    assert "no-store" in client.get(f"{lesson.url}plan/")["Cache-Control"]
