"""Background tasks: the daily schedule, and Wagtail's index updates leaving the publish request for the worker."""

from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.tasks import next_run, prune_finished_tasks, run_daily, schedule_daily
from lessons.models import LessonPage

SHANGHAI = ZoneInfo("Asia/Shanghai")
PURGE = "classrooms.tasks.purge_archived_classes"


def test_next_run_is_the_next_time_the_local_clock_shows_it():
    """03:30 is later today before 03:30 local time, tomorrow from then on (TIME_ZONE, not UTC)."""
    assert next_run("03:30", now=datetime(2026, 3, 1, 2, 0, tzinfo=SHANGHAI)) == datetime(
        2026, 3, 1, 3, 30, tzinfo=SHANGHAI
    )
    assert next_run("03:30", now=datetime(2026, 3, 1, 3, 30, tzinfo=SHANGHAI)) == datetime(
        2026, 3, 2, 3, 30, tzinfo=SHANGHAI
    )


def test_schedule_daily_queues_one_run_however_often_it_is_called(database_tasks, settings):
    """Scheduling a daily task twice leaves one run waiting, at its local time, and a second one added by
    another worker at the same moment is removed."""
    first = schedule_daily(PURGE, now=datetime(2026, 3, 1, 12, 0, tzinfo=SHANGHAI))
    assert first == datetime(2026, 3, 2, 3, 30, tzinfo=SHANGHAI)
    assert schedule_daily(PURGE) == first
    run_daily.using(run_after=first).enqueue(PURGE)  # what a second worker starting at once would add
    schedule_daily(PURGE)
    waiting = DBTaskResult.objects.filter(task_path=run_daily.module_path, status=TaskResultStatus.READY)
    assert [task.run_after for task in waiting] == [first]


def test_schedule_daily_does_nothing_when_tasks_run_at_once():
    """With the immediate backend (the tests') nothing can wait for a later time, so nothing is scheduled."""
    assert schedule_daily(PURGE) is None


def lesson_titled(title, lesson):
    """The live lessons a visitor's search for `title` finds."""
    return list(LessonPage.objects.live().filter(pk=lesson.pk).search(title))


def test_publishing_queues_the_search_index_update_for_the_worker(run_worker, lesson_en):
    """Publishing a lesson does not update the search index in the request (no jieba there): Wagtail's index and
    reference-index updates are queued, and the search finds the new title once the worker has run."""
    lesson_en.title = "Quokkas keep no secrets"
    lesson_en.save_revision().publish()

    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    paths = set(queued.values_list("task_path", flat=True))
    assert {"modelsearch.tasks.insert_or_update_object_task", "wagtail.tasks.update_reference_index_task"} <= paths
    assert ["lessons", "lessonpage", str(lesson_en.pk)] in [task.args_kwargs["args"] for task in queued]
    assert lesson_titled("quokkas", lesson_en) == []

    run_worker()

    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exclude(task_path=run_daily.module_path)
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    assert lesson_titled("quokkas", lesson_en) == [lesson_en]


def test_pruning_deletes_only_old_finished_tasks(database_tasks):
    """The daily prune deletes rows of tasks finished more than two weeks ago and keeps recent and waiting ones."""
    old, recent = run_daily.enqueue(PURGE), run_daily.enqueue(PURGE)
    waiting = run_daily.using(run_after=timezone.now() + timedelta(days=1)).enqueue(PURGE)
    DBTaskResult.objects.filter(pk__in=[old.id, recent.id]).update(status=TaskResultStatus.SUCCESSFUL)
    DBTaskResult.objects.filter(pk=old.id).update(finished_at=timezone.now() - timedelta(days=15))
    DBTaskResult.objects.filter(pk=recent.id).update(finished_at=timezone.now() - timedelta(days=1))
    prune_finished_tasks.call()
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {UUID(recent.id), UUID(waiting.id)}
