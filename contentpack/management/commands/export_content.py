from pathlib import Path

from django.core.management.base import BaseCommand

from contentpack.exporter import export_pack


class Command(BaseCommand):
    help = "Write the site's curriculum out as a content pack (docs/content-pack.md), ready for import_content."

    def add_arguments(self, parser):
        parser.add_argument("path", help="folder to write; files of the same names are replaced")

    def handle(self, *args, path, **options):
        written = export_pack(Path(path))
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(written)} files to {path}."))
