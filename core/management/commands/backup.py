from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, make_backup, read_manifest


class Command(BaseCommand):
    # Django's checks would open (and so create) a missing SQLite file before the command can say it is missing.
    requires_system_checks = []
    help = (
        "Back up the database (pg_dump -Fc, or SQLite's online backup) and the media files into a new "
        "timestamped directory under BACKUP_ROOT (default backups/), with a manifest. Prints the directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", dest="root", help="the directory to put the backup in (default BACKUP_ROOT)")

    def handle(self, *args, **options):
        try:
            directory = make_backup(root=options["root"])
            manifest = read_manifest(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        database, media = manifest["database"], manifest["media"]
        self.stderr.write(
            f"Backed up the {database['engine']} database ({database['bytes']} bytes) and {media['files']} media files."
        )
        self.stdout.write(str(directory))
