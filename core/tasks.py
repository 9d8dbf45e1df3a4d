"""The daily schedule of background tasks (Django's tasks framework has no periodic tasks of its own).

`DAILY_TASKS` (settings) names tasks to run once a day at a local time. `run_daily` runs one and then puts
its next run in the queue (`run_after`: the database backend keeps delayed tasks until they are due), and
`schedule_all_daily`, called each time the worker starts (`manage.py task_worker`), puts in any whose next
run is not waiting, so the chain mends itself after a crash. No second process, no cron.
"""

import io
import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def next_run(at, *, now=None):
    """The next moment, after `now`, when the local clock (TIME_ZONE) shows `at` ("HH:MM")."""
    now = timezone.localtime(now or timezone.now())
    clock = time(*(int(part) for part in at.split(":")))
    today = timezone.make_aware(datetime.combine(now.date(), clock))
    return today if today > now else timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), clock))


def waiting_runs(path):
    """The queued runs of a daily task that have not started (the database backend's rows)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=run_daily.module_path, status=TaskResultStatus.READY, args_kwargs__args__0=path
    ).order_by("run_after", "enqueued_at")


def schedule_daily(path, *, now=None):
    """Put the next run of one daily task in the queue unless one is waiting; returns when it will run.

    Two workers starting at once may both add one; the later is removed here the next time, and a daily task
    must do no harm when run twice (the purge finds nothing the second time). With a backend that cannot delay
    tasks (the tests' immediate one) nothing can wait: returns None."""
    if not run_daily.get_backend().supports_defer:
        return None
    with transaction.atomic():
        waiting = list(waiting_runs(path))
        if waiting:
            for extra in waiting[1:]:
                extra.delete()
            return waiting[0].run_after
        when = next_run(settings.DAILY_TASKS[path], now=now)
        run_daily.using(run_after=when).enqueue(path)
        return when


def schedule_all_daily(*, now=None):
    """What `task_worker` does first: every task in DAILY_TASKS waiting for its next run."""
    return {path: schedule_daily(path, now=now) for path in settings.DAILY_TASKS}


@task
def run_daily(path):
    """Run a daily task now, then queue its next run, even when this one failed."""
    try:
        return import_string(path).call()
    finally:
        logger.info("Daily task %s: next run at %s.", path, schedule_daily(path))


@task
def prune_finished_tasks():
    """Delete the rows of tasks that finished more than TASK_RESULTS_KEEP_DAYS ago (a daily task)."""
    out = io.StringIO()
    call_command("prune_db_task_results", min_age_days=settings.TASK_RESULTS_KEEP_DAYS, stdout=out, verbosity=1)
    return out.getvalue().strip()
