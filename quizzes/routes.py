"""The quiz screens as routes of the page that links the quiz (lesson URL + quiz/...)."""

from wagtail.contrib.routable_page.models import path

from . import views


class QuizRoutesMixin:
    """For a RoutablePageMixin page with a `quiz` foreign key: intro, start, one question per screen, result."""

    @path("quiz/", name="quiz")
    def quiz_intro(self, request):
        return views.intro(request, self)

    @path("quiz/start/", name="quiz_start")
    def quiz_start(self, request):
        return views.start(request, self)

    @path("quiz/<uuid:key>/<int:number>/", name="quiz_question")
    def quiz_question(self, request, key, number):
        return views.question(request, self, key, number)

    @path("quiz/<uuid:key>/result/", name="quiz_result")
    def quiz_result(self, request, key):
        return views.result(request, self, key)
