"""The quizzes codec: a lesson's quiz YAML <-> Quiz rows, question and choice ids kept across imports."""

import pytest
from wagtail.models import Revision

from contentpack.codecs.quizzes import import_quiz, prepare_quiz, quiz_to_dict
from contentpack.common import translation_key
from contentpack.importer import import_pack
from contentpack.reader import PackError, load_pack
from quizzes.models import Question, Quiz


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


def test_safeguarding_relevant_answers_come_from_the_pack_in_every_band(db):
    """Choices marked `safeguarding: true` in the pack are safeguarding-relevant in both languages, in every band,
    and only ever wrong answers (so a teacher sees which pupils chose them)."""
    from quizzes.models import Choice

    marked = Choice.objects.filter(safeguarding_relevant=True).select_related("question__quiz__locale")
    assert not [choice for choice in marked if choice.is_correct]
    by_language = {
        language: {choice.key for choice in marked if choice.question.quiz.locale.language_code == language}
        for language in ("zh-hans", "en")
    }
    assert by_language["zh-hans"] == by_language["en"] and len(by_language["en"]) >= 20
    grades = set()
    for lesson in load_pack().lessons:
        for question in lesson["en"].get("quiz", {}).get("questions", []):
            if any(choice.get("safeguarding") for choice in question["choices"]):
                grades.add(lesson["grade"])
    assert {1, 2, 3} & grades and {4, 5, 6} & grades and {7, 8, 9} & grades


@pytest.mark.parametrize(
    ("choices", "error"),
    [
        ([{"text": "Tell", "correct": True, "feedback": "Yes", "safeguarding": True}], "wrong answer only"),
        (
            [{"text": "Tell", "correct": True, "feedback": "Yes"}, {"text": "No", "feedback": "No", "safeguarding": 1}],
            "wrong answer only",
        ),
    ],
)
def test_safeguarding_mark_on_a_right_answer_or_not_true_is_refused(choices, error):
    """`safeguarding: true` is for wrong answers only, and only the value true is accepted."""
    data = {"title": "Q", "questions": [{"kind": "single", "text": "What?", "choices": choices}]}
    with pytest.raises(PackError, match=error):
        prepare_quiz(data, path="x.yaml", item="lesson")
