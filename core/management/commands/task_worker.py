from django_tasks_db.management.commands import db_worker

from core.tasks import schedule_all_daily


class Command(db_worker.Command):
    help = (
        "Run the task worker (django-tasks-db's db_worker, same options) after putting every daily task "
        "(DAILY_TASKS) in the queue unless its next run is already waiting."
    )

    def handle(self, *args, **options):
        for path, when in schedule_all_daily().items():
            if options["verbosity"] and when is not None:
                self.stdout.write(f"Daily task {path}: next run at {when.isoformat()}.")
        super().handle(*args, **options)
