"""Reads for the teacher's grid, the pupil's lessons and data exports, each in a fixed number of queries."""

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from lessons.models import LessonPage

from .models import Assignment, LessonProgress

NOT_STARTED, IN_PROGRESS, DONE = "not-started", "in-progress", "done"
STATUS_LABELS = {NOT_STARTED: _("Not started"), IN_PROGRESS: _("In progress"), DONE: _("Done")}
STATUS_ICONS = {NOT_STARTED: "○", IN_PROGRESS: "◐", DONE: "●"}


def status_of(progress):
    if progress is None or not progress.furthest_step:
        return NOT_STARTED
    return DONE if progress.completed_at else IN_PROGRESS


def lessons_in_language(lessons, language=None):
    """{translation_key: the live lesson page in the current language} in one query; others fall back."""
    keys = {lesson.translation_key for lesson in lessons}
    try:
        locale = Locale.get_active() if language is None else Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        return {}
    pages = (
        LessonPage.objects.live()
        .filter(translation_key__in=keys, locale=locale)
        .defer_streamfields()
        .only("pk", "title", "translation_key", "url_path", "locale_id", "grade", "depth", "path")
    )
    return {page.translation_key: page for page in pages}


def class_grid(classroom, *, overdue_only=False, today=None):
    """Pupils × assigned lessons: every cell's status, totals per lesson. Query count is fixed."""
    today = today or timezone.localdate()
    assignments = list(Assignment.objects.for_grid(classroom))
    if overdue_only:
        assignments = [a for a in assignments if a.is_overdue(today)]
    translated = lessons_in_language([a.lesson for a in assignments])
    for assignment in assignments:
        assignment.shown_lesson = translated.get(assignment.lesson.translation_key, assignment.lesson)
        assignment.overdue = assignment.is_overdue(today)
    pupils = list(classroom.pupils.only("pk", "display_name", "classroom_id"))
    keys = [a.lesson.translation_key for a in assignments]
    progress = {
        (p.pupil_id, p.lesson_key): p
        for p in LessonProgress.objects.filter(pupil__classroom=classroom, lesson_key__in=keys)
    }
    # Cells are plain dicts with their text made once per status: the template only prints them.
    texts = {status: f"{STATUS_ICONS[status]} {label}" for status, label in STATUS_LABELS.items()}
    rows = []
    totals = [dict.fromkeys(STATUS_LABELS, 0) for _ in assignments]
    for pupil in pupils:
        cells = []
        for index, key in enumerate(keys):
            found = progress.get((pupil.pk, key))
            status = status_of(found)
            totals[index][status] += 1
            cells.append({"status": status, "text": texts[status], "label": STATUS_LABELS[status], "score": None})
        rows.append({"pupil": pupil, "name": pupil.display_name, "cells": cells})
    for assignment, total in zip(assignments, totals, strict=True):
        assignment.totals = total
        assignment.done_count, assignment.started_count = total[DONE], total[IN_PROGRESS]
    return {"assignments": assignments, "rows": rows}


def pupil_lessons(pupil, request=None):
    """A pupil's assigned lessons in their language, with status and where to continue."""
    assignments = list(Assignment.objects.for_grid(pupil.classroom))
    translated = lessons_in_language([a.lesson for a in assignments])
    progress = {
        p.lesson_key: p for p in pupil.progress.filter(lesson_key__in=[a.lesson.translation_key for a in assignments])
    }
    today = timezone.localdate()
    items = []
    for assignment in assignments:
        lesson = translated.get(assignment.lesson.translation_key)
        if lesson is None:
            continue
        found = progress.get(assignment.lesson.translation_key)
        status = status_of(found)
        url = lesson.get_url(request)
        continue_url = f"{url}step/{max(found.last_step, 1)}/" if status == IN_PROGRESS else f"{url}step/1/"
        items.append(
            {
                "assignment": assignment,
                "lesson": lesson,
                "status": status,
                "label": STATUS_LABELS[status],
                "icon": STATUS_ICONS[status],
                "progress": found,
                "overdue": status != DONE and assignment.is_overdue(today),
                "continue_url": continue_url,
            }
        )
    return items


def pupil_export(pupil):
    """Everything kept about one pupil, as plain data for a JSON download."""
    keys = {p.lesson_key: p for p in pupil.progress.all()}
    titles = {
        page.translation_key: page.title
        for page in LessonPage.objects.filter(translation_key__in=keys, locale__language_code=get_language())
        .defer_streamfields()
        .only("title", "translation_key")
    }
    return {
        "name": pupil.display_name,
        "class": pupil.classroom.name,
        "school": pupil.classroom.school.name,
        "grade": pupil.classroom.grade,
        "created": pupil.created_at.isoformat(),
        "lessons": [
            {
                "lesson": titles.get(key, str(key)),
                "furthest_step": p.furthest_step,
                "total_steps": p.total_steps,
                "started": p.started_at.isoformat(),
                "completed": p.completed_at.isoformat() if p.completed_at else None,
            }
            for key, p in keys.items()
        ],
    }
