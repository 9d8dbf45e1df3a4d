"""What a class was given and how far each pupil got: assignments and lesson progress (like Kolibri's logger).

Both are kept by the lesson's translation key, so a lesson is one lesson whatever language it is assigned or
read in, and deleting one language's page never deletes an assignment or anyone's progress."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AssignmentQuerySet(models.QuerySet):
    def for_class(self, classroom):
        return self.filter(classroom=classroom).order_by("due_date", "pk")


class Assignment(models.Model):
    """A lesson a teacher gave a class, in every language at once (kept by the lesson's translation key)."""

    classroom = models.ForeignKey("classrooms.Classroom", on_delete=models.CASCADE, related_name="assignments")
    lesson_key = models.UUIDField(_("lesson"), db_index=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["classroom", "lesson_key"], name="one_assignment_per_lesson")]

    def __str__(self):
        return f"{self.classroom_id} · {self.lesson_key}"

    def is_overdue(self, today=None):
        return self.due_date is not None and self.due_date < (today or timezone.localdate())


class LessonProgress(models.Model):
    """How far one pupil got in one lesson, whatever language they read it in (kept by translation key).

    `furthest_step` only grows one step at a time, so a pupil who jumps to the last step's URL has not
    finished the lesson; `completed_at` is set when they reach the last step from the one before it."""

    pupil = models.ForeignKey("classrooms.Pupil", on_delete=models.CASCADE, related_name="progress")
    lesson_key = models.UUIDField(db_index=True)
    furthest_step = models.PositiveSmallIntegerField(default=0)
    last_step = models.PositiveSmallIntegerField(default=0)
    total_steps = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["pupil", "lesson_key"], name="one_progress_per_lesson")]

    def __str__(self):
        return f"{self.pupil_id} · {self.lesson_key} · {self.furthest_step}/{self.total_steps}"
