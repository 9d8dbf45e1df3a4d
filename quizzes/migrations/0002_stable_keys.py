"""Stable keys for questions and choices, shared by translations, so the analysis adds answers up by key.

Existing rows get the key of their place (as quizzes.structure gives new rows), which the content pack's
quizzes share across languages because it imports them by position."""

import uuid

from django.db import migrations, models


def keys_from_places(apps, schema_editor):
    Question = apps.get_model("quizzes", "Question")
    Choice = apps.get_model("quizzes", "Choice")
    position = {}
    for question in Question.objects.select_related("quiz").order_by("quiz_id", "sort_order", "pk"):
        place = position[question.quiz_id] = position.get(question.quiz_id, -1) + 1
        question.key = uuid.uuid5(question.quiz.translation_key, f"question {place}")
        question.save(update_fields=["key"])
    position = {}
    for choice in Choice.objects.select_related("question").order_by("question_id", "sort_order", "pk"):
        place = position[choice.question_id] = position.get(choice.question_id, -1) + 1
        choice.key = uuid.uuid5(choice.question.key, f"choice {place}")
        choice.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="question",
            name="key",
            field=models.UUIDField(null=True, editable=False, verbose_name="key"),
        ),
        migrations.AddField(
            model_name="choice",
            name="key",
            field=models.UUIDField(null=True, editable=False, verbose_name="key"),
        ),
        migrations.RunPython(keys_from_places, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="question",
            name="key",
            field=models.UUIDField(editable=False, verbose_name="key"),
        ),
        migrations.AlterField(
            model_name="choice",
            name="key",
            field=models.UUIDField(editable=False, verbose_name="key"),
        ),
        migrations.AddConstraint(
            model_name="question",
            constraint=models.UniqueConstraint(fields=("quiz", "key"), name="one_question_per_key"),
        ),
        migrations.AddConstraint(
            model_name="choice",
            constraint=models.UniqueConstraint(fields=("question", "key"), name="one_choice_per_key"),
        ),
    ]
