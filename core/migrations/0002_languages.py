from django.db import migrations


def add_languages(apps, schema_editor):
    """Simplified Chinese (the default, made by Wagtail's own migration) and English."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("zh-hans", "en"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(add_languages, migrations.RunPython.noop)]
