from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, latest_backup, purge_cached_pages, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` (default: the newest under BACKUP_ROOT) into the database "
        "and MEDIA_ROOT. Refuses a database with tables or a media directory with files unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="the backup directory (default: the newest)")
        parser.add_argument(
            "--force", action="store_true", help="replace what the database and the media directory hold now"
        )

    def handle(self, *args, **options):
        directory = options["directory"] or latest_backup()
        if directory is None:
            raise CommandError("No backup found: give the backup directory.")
        try:
            manifest = restore_backup(directory, force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        purged = purge_cached_pages()
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {directory} (made {manifest['created']}): the {manifest['database']['engine']} database "
                f"and {manifest['media']['files']} media files."
                + ("" if purged else " The page cache could not be reached: clear it before serving.")
            )
        )
        self.stdout.write("Next: `manage.py migrate` if this code is newer than the backup, then start the site.")
