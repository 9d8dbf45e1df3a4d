"""Writes of progress data: recording steps and assigning lessons."""

from django.db import transaction
from django.utils import timezone

from .models import Assignment, LessonProgress


def record_step(*, pupil, lesson_key, number, total):
    """Remember how far a pupil got. Steps count only one at a time: jumping ahead completes nothing."""
    progress, _created = LessonProgress.objects.get_or_create(pupil=pupil, lesson_key=lesson_key)
    if number <= progress.furthest_step + 1:
        progress.furthest_step = max(progress.furthest_step, number)
    progress.last_step = number
    progress.total_steps = total
    if progress.furthest_step >= total and progress.completed_at is None:
        progress.completed_at = timezone.now()
    progress.save()
    return progress


@transaction.atomic
def assign_lessons(*, classroom, lessons, due_date=None, note=""):
    """Assign lessons in any language (one assignment per lesson, whatever the language); already assigned
    ones get the new due date and note (queries.reassign_changes says which change, before). Returns the
    assignments."""
    assignments = []
    for lesson in lessons:
        assignment, _created = Assignment.objects.update_or_create(
            classroom=classroom, lesson_key=lesson.translation_key, defaults={"due_date": due_date, "note": note}
        )
        assignments.append(assignment)
    return assignments


def update_assignment(*, assignment, due_date, note):
    """Change one assignment's due date and note in place; the pupils' progress is untouched."""
    assignment.due_date, assignment.note = due_date, note
    assignment.save(update_fields=["due_date", "note"])
    return assignment
