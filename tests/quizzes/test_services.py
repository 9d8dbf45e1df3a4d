import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.models import LessonPage
from quizzes.models import Answer, Attempt, Quiz
from quizzes.services import analyse, submit_answer
from tests.factories import UserFactory


def _attempts(quiz, count):
    """`count` attempts: all right on question 1, all picking the same wrong choice on question 2."""
    users = UserFactory.create_batch(2)
    attempts = Attempt.objects.bulk_create(
        [Attempt(key=uuid.uuid4(), user=users[n % 2], quiz=quiz, score=1, max_score=2) for n in range(count)]
    )
    first, second = list(quiz.questions.all())[:2]
    right = first.choices.get(is_correct=True)
    wrong = second.choices.filter(is_correct=False).first()
    answers = Answer.objects.bulk_create(
        [Answer(attempt=a, question=first, is_correct=True) for a in attempts]
        + [Answer(attempt=a, question=second, is_correct=False) for a in attempts]
    )
    Through = Answer.choices.through
    Through.objects.bulk_create(
        [Through(answer=answer, choice=right if answer.question_id == first.pk else wrong) for answer in answers]
    )
    return Attempt.objects.filter(pk__in=[a.pk for a in attempts]), wrong


def test_analysis_counts_right_answers_and_wrong_choices(quiz_en):
    """Per question: how many answered, the share right, and how often each wrong choice was picked."""
    attempts, wrong = _attempts(quiz_en, 10)
    first, second, third, *_ = analyse(attempts)
    assert (first.answered, first.correct, first.share_correct) == (10, 10, 1.0)
    assert (second.answered, second.correct, second.share_correct) == (10, 0, 0.0)
    assert dict((choice.pk, times) for choice, times in second.wrong_choices)[wrong.pk] == 10
    assert all(not choice.is_correct for choice, _times in second.wrong_choices)
    assert third.answered == 0 and third.share_correct is None


def test_analysis_of_1000_attempts_costs_the_same_queries_as_10(quiz_en):
    """The analysis runs in the same, fixed number of queries for 10 and for 1,000 attempts."""
    few, _wrong = _attempts(quiz_en, 10)
    many, _wrong = _attempts(quiz_en, 1000)
    with CaptureQueriesContext(connection) as small:
        analyse(few)
    with CaptureQueriesContext(connection) as large:
        result = analyse(many)
    assert result[0].answered == 1000
    assert len(small) == len(large) == 4


def test_submit_answer_refuses_a_choice_of_another_quiz_and_writes_nothing(quiz_en, quiz_user):
    """A choice id from another quiz raises ValidationError and creates neither attempt nor answer."""
    other_quiz = Quiz.objects.exclude(pk=quiz_en.pk).first()
    foreign = other_quiz.questions.first().choices.first()
    attempt = Attempt(user=quiz_user, quiz=quiz_en)
    with pytest.raises(ValidationError):
        submit_answer(attempt=attempt, question=quiz_en.questions.first(), choice_ids={foreign.pk})
    with pytest.raises(ValidationError):
        submit_answer(attempt=attempt, question=other_quiz.questions.first(), choice_ids={foreign.pk})
    assert not Attempt.objects.exists() and not Answer.objects.exists()


def test_every_lesson_has_a_quiz_of_four_to_six_questions_in_both_languages(db):
    """Each seeded lesson links a live quiz of 4–6 questions in its own language; the two languages share a key."""
    for lesson in LessonPage.objects.select_related("quiz"):
        assert lesson.quiz and lesson.quiz.live
        assert lesson.quiz.locale_id == lesson.locale_id
        assert 4 <= lesson.quiz.questions.count() <= 6
    for quiz in Quiz.objects.all():
        assert quiz.get_translations().count() == 1


def test_a_quiz_copied_for_translation_brings_its_questions_and_choices(en):
    """Wagtail's copy for translation copies the whole cluster, with new rows for the new language."""
    from wagtail.models import Locale

    quiz = Quiz.objects.filter(locale=en).first()
    copy = quiz.copy_for_translation(Locale.objects.create(language_code="fr"))
    copy.save()
    shape = [(q.text, [c.is_correct for c in q.choices.all()]) for q in quiz.questions.all()]
    assert [(q.text, [c.is_correct for c in q.choices.all()]) for q in copy.questions.all()] == shape
    assert copy.translation_key == quiz.translation_key
    assert not set(copy.questions.values_list("pk", flat=True)) & set(quiz.questions.values_list("pk", flat=True))
