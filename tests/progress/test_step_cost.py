"""A pupil's lesson step is the busiest request of a lesson: few queries, and a write only when progress moves."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from progress.models import LessonProgress

STEP_QUERIES = 5  # user, page (the page index, core/routing.py), pupil, progress (+ write); the session,
# the language switcher's translations and the help contacts come from the shared cache


def _writes(client, url):
    """The INSERT, UPDATE and DELETE statements a GET of url runs."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if q["sql"].split(None, 1)[0] in {"INSERT", "UPDATE", "DELETE"}]


def test_a_pupil_step_costs_a_fixed_number_of_queries(client, pupil, assignment, django_assert_max_num_queries):
    """A signed-in pupil's step view stays within its query budget, whatever the step."""
    lesson = assignment.lesson
    client.force_login(pupil.user)
    client.get(f"{lesson.url}step/1/")
    for number in (2, len(lesson.steps)):
        with django_assert_max_num_queries(STEP_QUERIES):
            assert client.get(f"{lesson.url}step/{number}/").status_code == 200


def test_viewing_the_same_step_again_writes_nothing(client, pupil, assignment):
    """A second view of the step a pupil is on changes no progress, so it writes no row (no session either)."""
    url = f"{assignment.lesson.url}step/1/"
    client.force_login(pupil.user)
    client.get(url)
    assert _writes(client, url) == []
    assert LessonProgress.objects.get(pupil=pupil).last_step == 1


def test_a_step_that_moves_progress_writes_one_row(client, pupil, assignment):
    """The lesson's first step inserts the pupil's progress; each next step is one update of that row."""
    lesson = assignment.lesson
    client.force_login(pupil.user)
    first = _writes(client, f"{lesson.url}step/1/")
    assert len(first) == 1 and first[0].startswith('INSERT INTO "progress_lessonprogress"')
    second = _writes(client, f"{lesson.url}step/2/")
    assert len(second) == 1 and second[0].startswith('UPDATE "progress_lessonprogress"')
    back = _writes(client, f"{lesson.url}step/1/")  # going back moves the last step, not the furthest
    assert len(back) == 1
    progress = LessonProgress.objects.get(pupil=pupil)
    assert (progress.furthest_step, progress.last_step) == (2, 1)
