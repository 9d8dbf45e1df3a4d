from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.forms import ValidationError

from classrooms.services.staff import create_school


class Command(BaseCommand):
    help = 'Create a school and email its school admin an invitation: create_school "Name" --admin email'

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--admin", required=True, help="email of the school admin (safeguarding lead)")
        parser.add_argument(
            "--help-language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="whose help contacts answer where the school is (default: %(default)s, the numbers in China)",
        )

    def handle(self, *args, name, admin, help_language, **options):
        name = name.strip()
        if not name:
            raise CommandError("Give the school a name.")
        try:
            validate_email(admin)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {admin}") from error
        school, invitation = create_school(name=name, admin_email=admin, help_language=help_language)
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + invitation.get_absolute_url()
        self.stdout.write(
            f"School {school.name!r} created (id {school.pk}). Invitation queued for the task worker to email "
            f"to {admin}: {url}"
        )
