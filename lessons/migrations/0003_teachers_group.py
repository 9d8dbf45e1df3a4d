from django.db import migrations


def add_teachers_group(apps, schema_editor):
    """Teachers see teacher notes; they get no access to Wagtail's admin."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="lessons", model="lessonpage")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_teacher_notes", defaults={"name": "Can view teacher notes"}
    )
    group, _ = Group.objects.get_or_create(name="Teachers")
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("lessons", "0002_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(add_teachers_group, migrations.RunPython.noop)]
