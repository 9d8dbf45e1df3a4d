from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from accounts.groups import EDITORS, REVIEWERS
from contentpack.demo import DEMO_SCHOOLS, seed_classrooms
from contentpack.importer import import_pack
from contentpack.reader import PackError, load_pack

DEMO_PASSWORD = "safesteps-demo"  # noqa: S105 (demo only: production refuses seed_demo)
# (username, email, group): an editor writes and submits, a reviewer approves (the safeguarding review).
DEMO_ADMIN_USERS = [("editor", "editor@example.com", EDITORS), ("reviewer", "reviewer@example.com", REVIEWERS)]


class Command(BaseCommand):
    help = "Build the demo site in both languages from the starter content pack. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--pupils", type=int, default=12, help="how many pupils the first demo class has")

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("seed_demo is for demo and development sites only; it is switched off here.")
        if not 1 <= options["pupils"] <= 200:
            raise CommandError("--pupils must be between 1 and 200.")
        try:
            counts = import_pack(load_pack())
        except PackError as error:
            raise CommandError(str(error)) from error
        # Wagtail's placeholder site is localhost:80; the demo is served by `make run` on 127.0.0.1:8000.
        Site.objects.filter(is_default_site=True, hostname="localhost", port=80).update(hostname="127.0.0.1", port=8000)
        User = get_user_model()
        for username, email, group in DEMO_ADMIN_USERS:
            if not User.objects.filter(username=username).exists():
                # Not superusers: content only, no users, groups or classroom records; neither publishes directly.
                user = User.objects.create_user(username=username, email=email, password=DEMO_PASSWORD)
                user.groups.add(Group.objects.get(name=group))
                counts["created"] += 1
        classroom_rows = seed_classrooms(pupils=options["pupils"])
        self.stdout.write(f"Demo schools, classes and pupils: {classroom_rows} rows created.")
        # Who to sign in as (the password is the demo's; production refuses seed_demo).
        for username, email, group in DEMO_ADMIN_USERS:
            self.stdout.write(f"Admin (/admin/): {email} or {username} ({group}), password {DEMO_PASSWORD}")
        for school in DEMO_SCHOOLS:
            for role in ("teacher", "admin"):
                if school[role]:
                    self.stdout.write(
                        f"Teacher sign-in: {school[role]} ({role}, {school['name']}), password {DEMO_PASSWORD}"
                    )
        self.stdout.write(
            self.style.SUCCESS(
                "Demo ready: {created} created, {updated} updated, {unchanged} unchanged.".format(
                    created=counts["created"], updated=counts["updated"], unchanged=counts["unchanged"]
                )
            )
        )
