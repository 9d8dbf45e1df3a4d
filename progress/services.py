"""Writes of progress data: recording steps and assigning lessons."""

from django.db import transaction
from django.utils import timezone

from .models import Assignment, LessonProgress


def record_step(*, pupil, lesson_key, number, total):
    """Remember how far a pupil got. Steps count only one at a time: jumping ahead completes nothing.

    One read, and at most one write: an insert for the lesson's first step, an update of the fields that changed,
    none when viewing the step changes nothing (the same step again)."""
    progress, created = LessonProgress.objects.get_or_create(
        pupil=pupil, lesson_key=lesson_key, defaults=_moved(LessonProgress(), number, total)
    )
    if created:
        return progress
    moved = _moved(progress, number, total)
    changed = [field for field, value in moved.items() if getattr(progress, field) != value]
    if changed:
        for field in changed:
            setattr(progress, field, moved[field])
        progress.save(update_fields=[*changed, "updated_at"])
    return progress


def _moved(progress, number, total):
    """The progress fields after viewing step `number` of `total`."""
    furthest = max(progress.furthest_step, number) if number <= progress.furthest_step + 1 else progress.furthest_step
    completed_at = progress.completed_at
    if furthest >= total and completed_at is None:
        completed_at = timezone.now()
    return {"furthest_step": furthest, "last_step": number, "total_steps": total, "completed_at": completed_at}


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
