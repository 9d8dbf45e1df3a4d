from django.conf import settings
from django.core.management.base import BaseCommand

from classrooms.services.roster import purge_archived_classrooms


class Command(BaseCommand):
    help = "Delete classes archived longer ago than CLASSROOM_RETENTION_DAYS, with their pupils and all their data."

    def handle(self, *args, **options):
        count = purge_archived_classrooms()
        self.stdout.write(f"{count} archived classes deleted (retention: {settings.CLASSROOM_RETENTION_DAYS} days).")
