"""One lesson and one quiz whatever the language: assignments by translation key, answers by stable keys."""

import pytest
from django.urls import reverse
from django.utils import translation

from lessons.models import LessonPage
from progress import queries
from progress.models import Assignment
from quizzes.models import Attempt, Choice, Question, Quiz
from quizzes.services import submit_answer


def _post_assign(client, classroom, lesson, language):
    with translation.override(language):
        url = reverse("progress:assign", kwargs={"pk": classroom.pk})
    return client.post(url, {"lessons": [lesson.pk]})


def _grid(client, classroom, language="en"):
    with translation.override(language):
        return client.get(reverse("progress:class_progress", kwargs={"pk": classroom.pk}))


@pytest.fixture
def lesson_pair(en, zh, classroom):
    """A lesson of the class's grade in English and its Chinese translation."""
    english = LessonPage.objects.live().filter(locale=en, grade=classroom.grade).order_by("path").first()
    return english, english.get_translation(zh)


def test_assigning_in_english_then_in_chinese_makes_one_assignment(client, teacher, classroom, lesson_pair):
    """The same lesson assigned from the English list and then from the Chinese one is one assignment and one
    column of the grid; the second time only updates it."""
    english, chinese = lesson_pair
    client.force_login(teacher)
    assert _post_assign(client, classroom, english, "en").status_code == 302
    assert _post_assign(client, classroom, chinese, "zh-hans").status_code == 302
    assert Assignment.objects.filter(classroom=classroom).count() == 1
    assert Assignment.objects.get(classroom=classroom).lesson_key == english.translation_key == chinese.translation_key
    assert [a.shown_lesson.pk for a in _grid(client, classroom).context["assignments"]] == [english.pk]


def test_deleting_the_english_page_keeps_the_assignment(client, teacher, classroom, lesson_pair):
    """Deleting one language's page deletes no assignment: the grid shows the lesson in the language left."""
    english, chinese = lesson_pair
    client.force_login(teacher)
    _post_assign(client, classroom, english, "en")
    english.delete()
    assert Assignment.objects.filter(classroom=classroom, lesson_key=chinese.translation_key).exists()
    response = _grid(client, classroom)
    assert [a.shown_lesson.pk for a in response.context["assignments"]] == [chinese.pk]
    assert chinese.title in response.content.decode()


def _take(user, quiz, picks):
    """A finished attempt: `picks` {question pk: choice pk}; every other question answered right."""
    attempt = Attempt(user=user, quiz=quiz)
    for question in Question.objects.filter(quiz=quiz).prefetch_related("choices"):
        chosen = picks.get(question.pk)
        ids = [chosen] if chosen else [c.pk for c in question.choices.all() if c.is_correct]
        attempt = submit_answer(attempt=attempt, question=question, choice_ids=ids).attempt
    return attempt


def _question_with_two_wrong_choices(en):
    """An English quiz and the position of a question of it with at least two wrong choices."""
    for quiz in Quiz.objects.with_questions().filter(locale=en).order_by("pk"):
        for position, question in enumerate(quiz.questions.all()):
            if sum(1 for c in question.choices.all() if not c.is_correct) >= 2:
                return quiz, position
    raise AssertionError("the starter pack has no question with two wrong choices")


def test_analysis_follows_choices_a_translation_has_reordered(classroom, en, zh):
    """Reordering one language's questions and choices after pupils answered leaves every answer with its own
    question and choice: the class's answers in both languages add up by key, not by position."""
    quiz_en, position = _question_with_two_wrong_choices(en)
    quiz_zh = Quiz.objects.with_questions().get(translation_key=quiz_en.translation_key, locale=zh)
    question_en, question_zh = quiz_en.questions.all()[position], quiz_zh.questions.all()[position]
    *_others, target_en = [c for c in question_en.choices.all() if not c.is_correct]
    target_zh = question_zh.choices.all()[list(question_en.choices.all()).index(target_en)]
    first, second, third = classroom.pupils.order_by("pk")
    _take(first.user, quiz_zh, {question_zh.pk: target_zh.pk})

    # An editor turns the English quiz upside down: questions and choices in reverse order.
    for model, rows in ((Question, quiz_en.questions.all()), (Choice, question_en.choices.all())):
        for row in rows:
            model.objects.filter(pk=row.pk).update(sort_order=100 - row.sort_order)
    _take(second.user, quiz_en, {question_en.pk: target_en.pk})
    _take(third.user, quiz_en, {})

    lesson_en = LessonPage.objects.get(quiz=quiz_en)
    analysis = queries.question_analysis(classroom, lesson_en)
    assert analysis["attempt_count"] == 3
    by_text = {question["text"]: question for question in analysis["questions"]}
    texts = [q["text"] for q in analysis["questions"]]
    assert texts[0] == question_en.text  # the hardest question first, then the editor's (reversed) order
    assert texts[1:] == [q.text for q in reversed(quiz_en.questions.all()) if q.pk != question_en.pk]
    target_question = by_text[question_en.text]
    assert target_question["answered"] == 3 and target_question["share_correct"] == 33
    assert [(w["text"], w["count"]) for w in target_question["wrong_choices"]] == [(target_en.text, 2)]
    others = [q for text, q in by_text.items() if text != question_en.text]
    assert all(q["answered"] == 3 and q["share_correct"] == 100 and not q["wrong_choices"] for q in others)

    chinese = queries.question_analysis(classroom, lesson_en.get_translation(zh))
    chinese_question = next(q for q in chinese["questions"] if q["text"] == question_zh.text)
    assert [(w["text"], w["count"]) for w in chinese_question["wrong_choices"]] == [(target_zh.text, 2)]
