import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Revision

from contentpack.common import translation_key
from contentpack.importer import import_pack
from contentpack.quizzes import import_quiz, prepare_quiz, quiz_to_dict
from contentpack.reader import PackError, load_pack
from lessons.models import LessonPage
from quizzes.models import Answer, Attempt, Question, Quiz
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


def test_quiz_to_dict_is_the_inverse_of_the_pack_yaml(db):
    """Exporting a seeded quiz gives back exactly the pack's prepared YAML."""
    pack = load_pack()
    lesson = pack.lessons[0]
    data = prepare_quiz(lesson["en"]["quiz"], path="x.yaml", item="lesson")
    quiz = Quiz.objects.get(translation_key=translation_key("quiz", lesson["key"]), locale__language_code="en")
    assert quiz_to_dict(quiz) == data


def test_reimporting_keeps_question_and_choice_ids_and_adds_no_revision(db):
    """Importing the pack again leaves every quiz row and revision as it was."""
    ids = sorted(Question.objects.values_list("pk", flat=True))
    revisions = Revision.objects.count()
    counts = import_pack(load_pack())
    assert counts["created"] == counts["updated"] == 0
    assert sorted(Question.objects.values_list("pk", flat=True)) == ids
    assert Revision.objects.count() == revisions


def test_an_edited_quiz_is_updated_in_place(db, en):
    """Changing a question's text and dropping the last question keeps the other rows' primary keys."""
    quiz = Quiz.objects.filter(locale=en).first()
    data = quiz_to_dict(quiz)
    before = [(q.pk, [c.pk for c in q.choices.all()]) for q in quiz.questions.all()]
    data["questions"][0]["text"] = "A clearer question?"
    data["questions"].pop()
    quiz, status = import_quiz(translation_key=quiz.translation_key, locale=en, data=data)
    after = [(q.pk, [c.pk for c in q.choices.all()]) for q in quiz.questions.all()]
    assert status == "updated"
    assert after == before[:-1]
    assert quiz.questions.first().text == "A clearer question?"


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        ({"kind": "single", "text": "Q", "choices": [{"text": "a", "feedback": "f"}] * 2}, "correct"),
        (
            {"kind": "true_false", "text": "Q", "choices": [{"text": "a", "feedback": "f", "correct": True}] * 2},
            "exactly one",
        ),
        ({"kind": "essay", "text": "Q", "choices": []}, "kind must be"),
        ({"kind": "single", "text": "Q", "choices": [{"text": "a", "correct": True}, {"text": "b"}]}, "feedback"),
    ],
)
def test_invalid_quiz_yaml_names_file_lesson_and_question(question, problem):
    """A broken quiz in the pack raises PackError naming the file, the lesson and the question."""
    with pytest.raises(PackError, match=problem) as error:
        prepare_quiz({"title": "T", "questions": [question]}, path="lessons/g1.yaml", item="g1-x [en]")
    assert "lessons/g1.yaml" in str(error.value) and "g1-x [en] quiz question 1" in str(error.value)


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
