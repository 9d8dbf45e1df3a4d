"""Listens to the lessons' and quizzes' events: records a signed-in pupil's progress, offers their next lesson."""

from django.dispatch import receiver
from django.urls import reverse

from classrooms.queries import pupil_for
from lessons.signals import step_viewed
from quizzes.signals import result_shown

from .queries import next_assigned_lesson
from .services import record_step


@receiver(step_viewed, dispatch_uid="progress.record_step")
def on_step_viewed(sender, *, request, lesson, number, total, **kwargs):
    pupil = pupil_for(request.user)
    if pupil is not None:
        record_step(pupil=pupil, lesson_key=lesson.translation_key, number=number, total=total)


@receiver(result_shown, dispatch_uid="progress.result_links")
def on_result_shown(sender, *, request, lesson, **kwargs):
    """A signed-in pupil goes on to their next assigned lesson, or back to their lessons."""
    pupil = pupil_for(request.user)
    if pupil is None:
        return None
    links = {"my_lessons_url": reverse("progress:my_lessons")}
    following = next_assigned_lesson(pupil, lesson, request)
    if following is not None:  # else the quiz offers the next lesson of the band
        links["next_lesson"] = {"url": following.get_url(request), "title": following.title}
    return links
