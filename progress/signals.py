"""Listens to the lessons' events and records a signed-in pupil's progress."""

from django.dispatch import receiver

from classrooms.queries import pupil_for
from lessons.signals import step_viewed

from .services import record_step


@receiver(step_viewed, dispatch_uid="progress.record_step")
def on_step_viewed(sender, *, request, lesson, number, total, **kwargs):
    pupil = pupil_for(request.user)
    if pupil is not None:
        record_step(pupil=pupil, lesson_key=lesson.translation_key, number=number, total=total)
