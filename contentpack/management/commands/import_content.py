from django.core.management.base import BaseCommand, CommandError

from contentpack.importer import import_pack
from contentpack.reader import PackError, load_pack


class Command(BaseCommand):
    help = (
        "Create or update pages and snippets from a content pack (docs/content-pack.md). The whole pack is checked "
        "first and imported in one transaction: a broken pack changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="folder of the pack, e.g. content/starter")

    def handle(self, *args, path, **options):
        try:
            counts = import_pack(load_pack(path))
        except PackError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged."
            )
        )
