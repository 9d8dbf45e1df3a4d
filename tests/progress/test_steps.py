"""A lesson is done when a pupil has walked through its steps to the last one, not when they jump there."""

from django.urls import reverse

from progress import queries
from progress.models import LessonProgress


def _view(client, lesson, *numbers):
    for number in numbers:
        assert client.get(f"{lesson.url}step/{number}/").status_code == 200


def _progress(pupil):
    return LessonProgress.objects.get(pupil=pupil)


def _status(client):
    return client.get(reverse("progress:my_lessons")).context["items"][0]["status"]


def test_jumping_straight_to_the_last_step_does_not_complete_the_lesson(client, pupil, assignment):
    """Opening the last step's URL after step 1 leaves the lesson in progress, at step 1."""
    lesson, total = assignment.lesson, len(assignment.lesson.steps)
    client.force_login(pupil.user)
    _view(client, lesson, 1, total)
    progress = _progress(pupil)
    assert (progress.furthest_step, progress.last_step, progress.completed_at) == (1, total, None)
    assert _status(client) == queries.IN_PROGRESS


def test_skipping_a_step_counts_nothing_past_the_gap(client, pupil, assignment):
    """Steps 1, 2 then 4: the furthest step reached in order is 2."""
    client.force_login(pupil.user)
    _view(client, assignment.lesson, 1, 2, 4)
    assert _progress(pupil).furthest_step == 2


def test_walking_through_every_step_completes_the_lesson(client, pupil, assignment):
    """Step 1 to the last, one after another, marks the lesson done."""
    lesson, total = assignment.lesson, len(assignment.lesson.steps)
    client.force_login(pupil.user)
    _view(client, lesson, total)  # a jump first changes nothing
    _view(client, lesson, *range(1, total + 1))
    progress = _progress(pupil)
    assert progress.furthest_step == total and progress.completed_at is not None
    assert _status(client) == queries.DONE


def test_going_back_and_forward_keeps_progress(client, pupil, assignment):
    """Going back to re-read never loses the furthest step, and carrying on from there completes the lesson;
    reading a finished lesson again keeps it done."""
    lesson, total = assignment.lesson, len(assignment.lesson.steps)
    client.force_login(pupil.user)
    _view(client, lesson, 1, 2, 3, 4, 3, 2, 1)
    assert _progress(pupil).furthest_step == 4
    _view(client, lesson, 2, 3, 4, 5)
    assert _progress(pupil).furthest_step == 5
    _view(client, lesson, *range(5, total + 1))
    completed_at = _progress(pupil).completed_at
    assert completed_at is not None
    _view(client, lesson, 1, 2)
    progress = _progress(pupil)
    assert (progress.furthest_step, progress.completed_at) == (total, completed_at)
    assert _status(client) == queries.DONE
