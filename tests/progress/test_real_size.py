"""The classroom at real size (issue 13): a 45-pupil grid, the per-pupil page, editing assignments and the
question analysis with safeguarding-relevant answers."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from classrooms.services import roster as classroom_services
from lessons.models import LessonPage
from progress import queries
from progress.models import Assignment, LessonProgress
from progress.services import assign_lessons
from quizzes.models import Attempt, Choice, Quiz
from quizzes.services import submit_answer
from tests.core.test_names import CLASS_OF_45
from tests.factories import ClassroomFactory, LessonPageFactory, UserFactory


@pytest.fixture
def grid(school, teacher, en, band_page_en):
    """Build a class of `pupils` pupils (Chinese names) with `lessons` assignments and progress in every column."""

    def build(pupils, lessons, name):
        classroom = ClassroomFactory(school=school, teacher=teacher, grade=2, name=name)
        classroom_services.add_pupils(classroom=classroom, names=list(reversed(CLASS_OF_45[:pupils])))
        pages = list(LessonPage.objects.live().filter(locale=en).order_by("grade", "path"))
        while len(pages) < lessons:
            pages.append(LessonPageFactory(parent=band_page_en, step_count=3, title=f"Extra lesson {len(pages)}"))
        yesterday = timezone.localdate() - timezone.timedelta(days=1)
        assign_lessons(classroom=classroom, lessons=pages[:lessons], due_date=yesterday)
        for index, pupil in enumerate(classroom.pupils.all()):
            for lesson in pages[:lessons:2]:
                LessonProgress.objects.create(
                    pupil=pupil,
                    lesson_key=lesson.translation_key,
                    furthest_step=2,
                    total_steps=5,
                    completed_at=timezone.now() if index % 2 else None,
                )
        return classroom

    return build


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(f"progress:{name}", kwargs=kwargs)


def counted(client, url, django_assert_max_num_queries, limit=30):
    client.get(url)
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured.captured_queries)


def test_grid_and_pupil_page_query_counts_do_not_grow(client, teacher, grid, django_assert_max_num_queries):
    """The grid and the per-pupil page for 45 pupils × 30 lessons cost the queries of 10 × 5."""
    small, large = grid(10, 5, "Small"), grid(45, 30, "Large")
    client.force_login(teacher)
    grid_counts, pupil_counts = [], []
    for classroom in (small, large):
        url = reverse("progress:class_progress", kwargs={"pk": classroom.pk})
        response, count = counted(client, url + "?sort=progress&unfinished=1", django_assert_max_num_queries)
        grid_counts.append(count)
        pupil = classroom.pupils.order_by("pk").last()
        url = reverse("progress:pupil_progress", kwargs={"pk": pupil.pk})
        pupil_response, count = counted(client, url, django_assert_max_num_queries)
        pupil_counts.append(count)
    print(f"\nqueries: grid {grid_counts}, pupil page {pupil_counts} (10x5, 45x30)")
    assert grid_counts[0] == grid_counts[1] and pupil_counts[0] == pupil_counts[1]
    assert len(response.context["assignments"]) == 30 and response.context["pupil_count"] == 45
    assert len(pupil_response.context["items"]) == 30


def test_grid_counts_every_status_at_the_top_and_sorts_names_by_pinyin(client, teacher, grid):
    """Counts per lesson (done, in progress, not started, overdue) head the grid; names are in pinyin order
    and link to each pupil's own page."""
    classroom = grid(45, 4, "Class of 45")
    client.force_login(teacher)
    response = client.get(url_in("en", "class_progress", pk=classroom.pk))
    assert [row["name"] for row in response.context["rows"]] == CLASS_OF_45
    first, second = response.context["assignments"][:2]
    assert (first.done_count, first.started_count, first.not_started_count, first.overdue_count) == (22, 23, 0, 23)
    assert (second.done_count, second.not_started_count, second.overdue_count) == (0, 45, 45)
    html = response.content.decode()
    assert html.index('22<span class="visually-hidden"> done') < html.index("<tbody>")
    pupil = response.context["rows"][0]["pupil"]
    assert url_in("en", "pupil_progress", pk=pupil.pk) in html


def test_not_finished_filter_and_sort_by_progress(client, teacher, classroom, grade2_lessons):
    """ "Not finished" hides pupils who finished every lesson; sorting by progress puts the furthest behind first."""
    assign_lessons(classroom=classroom, lessons=grade2_lessons[:2])
    pupils = list(classroom.pupils.order_by("pk"))
    for lesson in grade2_lessons[:2]:
        LessonProgress.objects.create(
            pupil=pupils[0], lesson_key=lesson.translation_key, furthest_step=3, completed_at=timezone.now()
        )
    LessonProgress.objects.create(pupil=pupils[1], lesson_key=grade2_lessons[0].translation_key, furthest_step=1)
    client.force_login(teacher)
    url = reverse("progress:class_progress", kwargs={"pk": classroom.pk})
    rows = client.get(url + "?unfinished=1").context["rows"]
    assert pupils[0].pk not in [row["pupil"].pk for row in rows] and len(rows) == 2
    rows = client.get(url + "?sort=progress").context["rows"]
    assert [row["pupil"].pk for row in rows] == [pupils[2].pk, pupils[1].pk, pupils[0].pk]


def test_pupil_page_shows_lessons_scores_and_last_active(client, teacher, classroom, pupil, grade2_lessons):
    """The per-pupil page lists the class's lessons with status and the day the pupil was last active."""
    assign_lessons(classroom=classroom, lessons=grade2_lessons[:2])
    LessonProgress.objects.create(pupil=pupil, lesson_key=grade2_lessons[0].translation_key, furthest_step=2)
    client.force_login(teacher)
    response = client.get(url_in("en", "pupil_progress", pk=pupil.pk))
    assert [item["status"] for item in response.context["items"]] == [queries.IN_PROGRESS, queries.NOT_STARTED]
    assert response.context["last_active"] is not None
    assert "Last active:" in response.content.decode()
    assert response["Cache-Control"]  # pupil data pages are never cached by a shared cache


def test_pupil_page_of_another_schools_pupil_is_not_found(client, teacher, other_school_class):
    """A teacher asking for another school's pupil gets 404."""
    client.force_login(teacher)
    pupil = other_school_class.pupils.first()
    assert client.get(reverse("progress:pupil_progress", kwargs={"pk": pupil.pk})).status_code == 404


def test_due_date_and_note_are_edited_in_place(client, teacher, classroom, assignment):
    """The assignment page's form changes the due date and note of that assignment only."""
    client.force_login(teacher)
    url = reverse("progress:assignment", kwargs={"pk": classroom.pk, "assignment_pk": assignment.pk})
    later = timezone.localdate() + timezone.timedelta(days=7)
    response = client.post(url, {"edit-due_date": later.isoformat(), "edit-note": "Read with a parent"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.due_date, assignment.note) == (later, "Read with a parent")


def test_past_due_date_asks_for_confirmation_in_both_languages(client, teacher, classroom, assignment):
    """A due date in the past is saved only on a second submit with confirm=1; the question is translated."""
    client.force_login(teacher)
    url = url_in("zh-hans", "assignment", pk=classroom.pk, assignment_pk=assignment.pk)
    data = {"edit-due_date": "2020-01-01", "edit-note": ""}
    response = client.post(url_in("en", "assignment", pk=classroom.pk, assignment_pk=assignment.pk), data)
    assert response.status_code == 200 and "Wed 1 Jan 2020 is in the past" in response.content.decode()
    assert 'name="edit-confirm" value="1"' in response.content.decode()
    response = client.post(url, data)
    assert "2020年1月1日（周三）" in response.content.decode() and "过去" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.due_date is None
    assert client.post(url, {**data, "edit-confirm": "1"}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.due_date.isoformat() == "2020-01-01"


def test_reassigning_says_what_it_changes(client, teacher, classroom, grade2_lessons):
    """Assigning an assigned lesson again lists the lessons whose date or note would change before changing them."""
    assign_lessons(classroom=classroom, lessons=grade2_lessons[:1], note="First note")
    client.force_login(teacher)
    url = url_in("en", "assign", pk=classroom.pk)
    data = {"lessons": [grade2_lessons[0].pk, grade2_lessons[1].pk], "due_date": "", "note": "New note"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert [change["lesson"].pk for change in response.context["changes"]] == [grade2_lessons[0].pk]
    assert Assignment.objects.get(lesson_key=grade2_lessons[0].translation_key).note == "First note"
    assert client.post(url, {**data, "confirm": "1"}).status_code == 302
    assert set(Assignment.objects.filter(classroom=classroom).values_list("note", flat=True)) == {"New note"}


@pytest.fixture
def quiz_lesson(classroom, en):
    lesson = LessonPage.objects.live().filter(locale=en, grade=2, quiz__isnull=False).order_by("path").first()
    assignment = assign_lessons(classroom=classroom, lessons=[lesson])[0]
    return lesson, assignment


def take(user, quiz, picks):
    """A finished attempt; `picks` maps a question position to the choice to choose (else the right ones)."""
    attempt = Attempt(user=user, quiz=quiz)
    for position, question in enumerate(quiz.questions.all()):
        chosen = picks.get(position)
        ids = [chosen.pk] if chosen else [c.pk for c in question.choices.all() if c.is_correct]
        attempt = submit_answer(attempt=attempt, question=question, choice_ids=ids).attempt
    return attempt


@pytest.fixture
def flagged_answer(classroom, quiz_lesson, zh):
    """A safeguarding-relevant wrong choice of the quiz (flagged in Chinese), chosen by the class's first pupil
    in the English quiz."""
    lesson, assignment = quiz_lesson
    quiz_en = Quiz.objects.with_questions().get(pk=lesson.quiz_id)
    question = quiz_en.questions.all()[0]
    wrong = next(c for c in question.choices.all() if not c.is_correct)
    Choice.objects.filter(key=wrong.key, question__quiz__locale=zh).update(safeguarding_relevant=True)
    pupil = classroom.pupils.order_by("pk").first()
    take(pupil.user, quiz_en, {0: wrong})
    return assignment, pupil


def test_safeguarding_answer_is_listed_for_the_class_teacher_and_school_admin(
    client, teacher, school_admin, classroom, flagged_answer
):
    """The class's teacher and the school admin see which pupil chose a safeguarding-relevant answer."""
    assignment, pupil = flagged_answer
    url = url_in("en", "assignment", pk=classroom.pk, assignment_pk=assignment.pk)
    for user in (teacher, school_admin):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "may mean a child needs help" in html and pupil.display_name in html


def test_safeguarding_answer_is_hidden_from_another_teacher_of_the_school(client, school, classroom, flagged_answer):
    """Another teacher of the same school cannot reach the class's analysis, nor its safeguarding list."""
    assignment, pupil = flagged_answer
    colleague = UserFactory(groups=["Teachers"])
    ClassroomFactory(school=school, teacher=colleague, name="Class 2B")
    client.force_login(colleague)
    url = reverse("progress:assignment", kwargs={"pk": classroom.pk, "assignment_pk": assignment.pk})
    assert client.get(url).status_code == 404
    assert not queries.may_see_safeguarding_answers(colleague, classroom)


def test_analysis_is_hardest_first_in_the_teachers_language(client, teacher, classroom, quiz_lesson, zh):
    """Questions are sorted by share correct, lowest first, and shown in the page's language with a bar and
    a link to each wrong answer's own explanation."""
    lesson, assignment = quiz_lesson
    quiz_zh = Quiz.objects.with_questions().get(translation_key=lesson.quiz.translation_key, locale=zh)
    questions = list(quiz_zh.questions.all())
    wrong = next(c for c in questions[1].choices.all() if not c.is_correct)
    for pupil in classroom.pupils.all():
        take(pupil.user, quiz_zh, {1: wrong})  # answered in Chinese
    client.force_login(teacher)
    response = client.get(url_in("en", "assignment", pk=classroom.pk, assignment_pk=assignment.pk))
    analysed = response.context["analysis"]["questions"]
    shares = [question["share_correct"] for question in analysed]
    assert shares == sorted(shares) and shares[0] == 0
    quiz_en = Quiz.objects.with_questions().get(pk=lesson.quiz_id)
    assert analysed[0]["text"] == quiz_en.questions.all()[1].text  # English, although answered in Chinese
    html = response.content.decode()
    assert "<meter" in html and f'id="answer-{wrong.key}"' in html
    assert "may mean a child needs help" not in html  # nothing flagged in this quiz


def test_result_offers_a_pupils_next_assigned_lesson_and_their_lessons(client, pupil, classroom, grade2_lessons):
    """A signed-in pupil's quiz result links to their next assigned lesson and back to their lesson list."""
    with_quiz = [lesson for lesson in grade2_lessons if lesson.quiz_id]
    assign_lessons(classroom=classroom, lessons=[with_quiz[0], grade2_lessons[-1]])
    client.force_login(pupil.user)
    quiz = Quiz.objects.with_questions().get(pk=with_quiz[0].quiz_id)
    attempt = take(pupil.user, quiz, {})
    response = client.get(f"{with_quiz[0].url}quiz/{attempt.key}/result/")
    assert response.context["next_lesson"]["url"] == grade2_lessons[-1].url
    assert response.context["my_lessons_url"] == reverse("progress:my_lessons")


def test_an_unconfirmed_past_date_is_not_shown_as_the_saved_due_date(client, teacher, classroom, assignment):
    """While the page asks "keep this past date?", the line above the form still shows the saved date and note."""
    client.force_login(teacher)
    later = timezone.localdate() + timezone.timedelta(days=7)
    Assignment.objects.filter(pk=assignment.pk).update(due_date=later, note="Read with a parent")
    url = url_in("en", "assignment", pk=classroom.pk, assignment_pk=assignment.pk)
    html = client.post(url, {"edit-due_date": "2020-01-01", "edit-note": "Changed"}).content.decode()
    header = html.split('<form method="post" class="assignment-edit')[0]
    assert "Wed 1 Jan 2020 is in the past" in html
    assert "Read with a parent" in header and "Changed" not in header and "2020" not in header
