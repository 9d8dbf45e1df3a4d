import django.db.models.deletion
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    """The database cache holds the sign-in counters: make its table wherever the database is migrated.

    "safesteps_cache" is the base settings' LOCATION, made even where another cache is configured (tests)."""
    alias = schema_editor.connection.alias
    call_command("createcachetable", database=alias, verbosity=0)
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(alias, "safesteps_cache", False)


class Migration(migrations.Migration):
    dependencies = [
        ("classrooms", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="classroom",
            name="sign_in_until",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="sign-in open until"),
        ),
        migrations.AddField(
            model_name="classroom",
            name="sign_in_address",
            field=models.CharField(blank=True, editable=False, max_length=45),
        ),
        migrations.AddField(
            model_name="classroom",
            name="home_sign_in",
            field=models.BooleanField(
                default=False,
                help_text="Pupils of grades 4–9 may sign in with their two words when sign-in is closed.",
                verbose_name="home sign-in",
            ),
        ),
        migrations.AddField(
            model_name="classroom",
            name="sign_in_alert_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.CreateModel(
            name="ClassroomDevice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("label", models.CharField(max_length=60, verbose_name="name")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "classroom",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="devices", to="classrooms.classroom"
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "classroom device",
                "verbose_name_plural": "classroom devices",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
