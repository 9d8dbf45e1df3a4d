from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from contentpack.importer import import_pack
from contentpack.reader import PackError, load_pack


class Command(BaseCommand):
    help = (
        "Create or update pages and snippets from a content pack (docs/content-pack.md). The whole pack is checked "
        "first and imported in one transaction: a broken pack changes nothing. For the site operator only: what "
        "the pack changes is published at once, without the safeguarding review, and recorded in the audit log "
        "under --operator."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="folder of the pack, e.g. content/starter")
        parser.add_argument(
            "--operator",
            help="your admin account (email or username; a superuser), named in the audit log and on every revision",
        )

    def handle(self, *args, path, operator=None, **options):
        user = self._operator(operator) if operator else None
        try:
            counts = import_pack(load_pack(path), user=user)
        except PackError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged."
            )
        )

    @staticmethod
    def _operator(name):
        """The operator's own account: an active superuser, found by email or username."""
        users = get_user_model().objects.filter(Q(email__iexact=name) | Q(username=name), is_active=True)
        user = users.filter(is_superuser=True).first()
        if user is None:
            raise CommandError(
                f"Nothing was imported. --operator {name} is not an active superuser: the content pack is "
                "published without review, so only the site operator may import it."
            )
        return user
