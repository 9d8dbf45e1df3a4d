import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation

from progress.models import LessonProgress
from progress.services import assign_lessons
from quizzes.models import Attempt, Quiz
from quizzes.services import submit_answer


def take_quiz(user, quiz, *, wrong=()):
    """A finished attempt: right answers except for the question positions in `wrong` (first wrong choice)."""
    attempt = Attempt(user=user, quiz=quiz)
    for position, question in enumerate(quiz.questions.all()):
        choices = list(question.choices.all())
        right = [c.pk for c in choices if c.is_correct]
        picks = [next(c.pk for c in choices if not c.is_correct)] if position in wrong else right
        attempt = submit_answer(attempt=attempt, question=question, choice_ids=picks).attempt
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def quiz_assignment(classroom, en):
    from lessons.models import LessonPage

    lesson = LessonPage.objects.live().filter(locale=en, grade=2, quiz__isnull=False).order_by("path").first()
    assignment = assign_lessons(classroom=classroom, lessons=[lesson])[0]
    assignment.lesson = lesson
    return assignment


@pytest.fixture
def quiz_en(quiz_assignment):
    return Quiz.objects.with_questions().get(pk=quiz_assignment.lesson.quiz_id)


@pytest.fixture
def quiz_zh(quiz_en, zh):
    return Quiz.objects.with_questions().get(translation_key=quiz_en.translation_key, locale=zh)


def en_get(client, name, namespace="progress", **kwargs):
    with translation.override("en"):
        return client.get(reverse(f"{namespace}:{name}", kwargs=kwargs))


def test_grid_cell_shows_the_latest_quiz_score_as_text(client, teacher, classroom, pupil, quiz_en, quiz_assignment):
    """The latest finished quiz shows in the cell as a percentage, in words as well as colour, and in the CSV."""
    take_quiz(pupil.user, quiz_en, wrong={0, 1, 2})
    take_quiz(pupil.user, quiz_en)  # the latest go: all right
    client.force_login(teacher)
    response = en_get(client, "class_progress", pk=classroom.pk)
    cell = next(row for row in response.context["rows"] if row["pupil"] == pupil)["cells"][0]
    assert cell["score"] == 100 and "quiz 100%" in cell["text"]
    assert "quiz 100%" in response.content.decode()
    export = en_get(client, "class_export", pk=classroom.pk).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))
    row = next(r for r in rows if r[0] == pupil.display_name)
    assert row[2] == "100"
    lesson = quiz_assignment.lesson.title
    assert rows[0][1:3] == [lesson, f"{lesson}: quiz score (%)"], "each score column names its lesson"


def test_score_in_either_language_counts(client, teacher, classroom, pupil, quiz_zh, quiz_assignment):
    """A quiz taken in Chinese scores the assignment made from the English lesson."""
    attempt = take_quiz(pupil.user, quiz_zh, wrong={0})
    client.force_login(teacher)
    rows = en_get(client, "class_progress", pk=classroom.pk).context["rows"]
    cell = next(row for row in rows if row["pupil"] == pupil)["cells"][0]
    assert cell["score"] == round(100 * attempt.score / attempt.max_score) < 100


def test_question_analysis_adds_up_the_class_in_every_language(
    client, teacher, classroom, quiz_en, quiz_zh, quiz_assignment, other_school_class
):
    """Share correct per question and the most-chosen wrong answers, from both languages, only this class."""
    first, second, third = classroom.pupils.order_by("pk")
    take_quiz(first.user, quiz_en, wrong={0})
    take_quiz(second.user, quiz_zh, wrong={0})
    take_quiz(third.user, quiz_en)
    outsider = other_school_class.pupils.first()
    take_quiz(outsider.user, quiz_en, wrong={0, 1})
    client.force_login(teacher)
    response = en_get(client, "assignment", pk=classroom.pk, assignment_pk=quiz_assignment.pk)
    analysis = response.context["analysis"]
    assert analysis["attempt_count"] == 3
    first_question, second_question = analysis["questions"][:2]
    assert first_question["share_correct"] == 33 and second_question["share_correct"] == 100
    wrong_choice = next(c for c in quiz_en.questions.all()[0].choices.all() if not c.is_correct)
    assert (first_question["wrong_choices"][0]["text"], first_question["wrong_choices"][0]["count"]) == (
        wrong_choice.text,
        2,
    )
    html = response.content.decode()
    assert "33% answered correctly" in html and f'id="answer-{wrong_choice.key}"' in html


def test_my_lessons_links_the_quiz_and_shows_the_pupils_own_score(client, classroom, pupil, quiz_en, quiz_assignment):
    """The pupil sees their own latest score and a link to the quiz, and no classmate's."""
    take_quiz(pupil.user, quiz_en)
    other = classroom.pupils.exclude(pk=pupil.pk).first()
    take_quiz(other.user, quiz_en, wrong={0, 1, 2})
    client.force_login(pupil.user)
    item = en_get(client, "my_lessons").context["items"][0]
    assert item["score"] == 100 and item["quiz_url"].endswith("/quiz/")


def test_pupil_export_and_delete_include_quiz_attempts(client, teacher, pupil, quiz_en, quiz_assignment):
    """The JSON export lists the pupil's attempts; deleting the pupil deletes them."""
    take_quiz(pupil.user, quiz_en)
    client.force_login(teacher)
    data = json.loads(en_get(client, "pupil_export", pk=pupil.pk).content)
    assert data["quiz_attempts"][0]["quiz"] == quiz_en.title
    client.post(reverse("classrooms:pupil_delete", kwargs={"pk": pupil.pk}))
    assert not Attempt.objects.filter(user_id=pupil.user_id).exists()


def test_pupil_export_holds_every_answer_and_the_access_record(client, teacher, pupil, quiz_en, quiz_assignment):
    """One pupil's JSON export has each answer (question, the choices picked, right or not) and every access-record
    entry about the pupil, the export itself included, with who and from where."""
    take_quiz(pupil.user, quiz_en, wrong={0})
    client.force_login(teacher)
    en_get(client, "pupil", pk=pupil.pk, namespace="classrooms")
    data = json.loads(en_get(client, "pupil_export", pk=pupil.pk).content)
    answers = data["quiz_attempts"][0]["answers"]
    questions = list(quiz_en.questions.all())
    assert [a["question"] for a in answers] == [q.text for q in questions]
    assert answers[0]["right"] is False and all(a["right"] for a in answers[1:])
    wrong_choice = next(c for c in questions[0].choices.all() if not c.is_correct)
    assert answers[0]["chosen"] == [wrong_choice.text]
    record = data["access_record"]
    assert [entry["action"] for entry in record] == ["Exported one pupil's data (JSON)", "Viewed one pupil"]
    assert {entry["by"] for entry in record} == {teacher.get_full_name() or teacher.email}
    assert {entry["from"] for entry in record} == {"127.0.0.1"}


def test_pupil_export_query_count_does_not_grow(
    client, teacher, pupil, quiz_en, quiz_assignment, django_assert_max_num_queries
):
    """Three attempts and their answers cost no more queries than one."""
    take_quiz(pupil.user, quiz_en)
    client.force_login(teacher)
    en_get(client, "pupil_export", pk=pupil.pk)  # the confirmation and session are settled
    with django_assert_max_num_queries(40) as one:
        en_get(client, "pupil_export", pk=pupil.pk)
    take_quiz(pupil.user, quiz_en, wrong={1})
    take_quiz(pupil.user, quiz_en, wrong={2})
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = en_get(client, "pupil_export", pk=pupil.pk)
    assert len(json.loads(response.content)["quiz_attempts"]) == 3


def test_grid_with_quiz_scores_keeps_a_fixed_query_count(client, teacher, school, en, django_assert_max_num_queries):
    """Scores add no per-pupil or per-lesson query: 10 × 5 and 30 × 10 cost the same."""
    from lessons.models import LessonPage
    from tests.factories import ClassroomFactory

    lessons = list(LessonPage.objects.live().filter(locale=en, quiz__isnull=False).order_by("grade", "path"))
    counts = []
    for pupils, size in ((10, 5), (30, 10)):
        classroom = ClassroomFactory(school=school, grade=2, pupils=pupils, name=f"Quiz grid {pupils}", teacher=teacher)
        assign_lessons(classroom=classroom, lessons=lessons[:size])
        quizzes = Quiz.objects.with_questions().filter(pk__in=[lesson.quiz_id for lesson in lessons[:size]])
        for pupil in classroom.pupils.all()[:3]:
            for quiz in quizzes:
                take_quiz(pupil.user, quiz)
            LessonProgress.objects.create(pupil=pupil, lesson_key=lessons[0].translation_key, furthest_step=1)
        client.force_login(teacher)
        url = reverse("progress:class_progress", kwargs={"pk": classroom.pk})
        client.get(url)
        with django_assert_max_num_queries(30) as captured:
            client.get(url)
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
