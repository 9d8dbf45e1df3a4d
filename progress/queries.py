"""Reads for the teacher's grid, the pupil's lessons and data exports, each in a fixed number of queries."""

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from curriculum.models import AgeBand
from lessons.models import LessonPage
from quizzes.models import Attempt, Quiz
from quizzes.services import analyse

from .models import Assignment, LessonProgress

NOT_STARTED, IN_PROGRESS, DONE = "not-started", "in-progress", "done"
STATUS_LABELS = {NOT_STARTED: _("Not started"), IN_PROGRESS: _("In progress"), DONE: _("Done")}
STATUS_ICONS = {NOT_STARTED: "○", IN_PROGRESS: "◐", DONE: "●"}


def status_of(progress):
    if progress is None or not progress.furthest_step:
        return NOT_STARTED
    return DONE if progress.completed_at else IN_PROGRESS


def _live_lessons(keys):
    return (
        LessonPage.objects.live()
        .filter(translation_key__in=set(keys))
        .defer_streamfields()
        .select_related("quiz", "locale")
        .only(
            "pk",
            "title",
            "translation_key",
            "url_path",
            "locale__language_code",
            "grade",
            "depth",
            "path",
            "quiz__translation_key",
        )
    )


def lessons_in_language(keys, language=None):
    """{translation_key: the live lesson page in the current language}, in one query."""
    language = language or get_language()
    return {page.translation_key: page for page in _live_lessons(keys).filter(locale__language_code=language)}


def lessons_with_any_language(keys, language=None):
    """{translation_key: the live lesson page}, in the current language where there is one, else in another
    language (a teacher still sees an assignment whose lesson has no translation yet); one query."""
    language = language or get_language()
    found = {}
    for page in _live_lessons(keys):
        if page.translation_key not in found or page.locale.language_code == language:
            found[page.translation_key] = page
    return found


def assignable_lessons(classroom):
    """The band of the class's grade and its live lessons in the current language (two queries)."""
    language = get_language()
    band = (
        AgeBand.objects.filter(
            locale__language_code=language, first_grade__lte=classroom.grade, last_grade__gte=classroom.grade
        )
        .select_related("locale")
        .first()
    )
    grades = list(band.grades) if band else [classroom.grade]
    lessons = (
        LessonPage.objects.live()
        .filter(locale__language_code=language, grade__in=grades)
        .for_map()
        .order_by("grade", "path")
    )
    return band, lessons


def assigned_lesson_keys(classroom):
    return set(Assignment.objects.filter(classroom=classroom).values_list("lesson_key", flat=True))


def percent(score, max_score):
    return round(100 * score / max_score) if max_score else None


def latest_quiz_scores(attempts):
    """{(pupil id, quiz translation key): percent of the latest finished attempt}, from one query."""
    rows = (
        attempts.finished()
        .order_by("finished_at", "pk")
        .values_list("user__pupil", "quiz__translation_key", "score", "max_score")
    )
    return {(pupil_id, key): percent(score, max_score) for pupil_id, key, score, max_score in rows}


def class_grid(classroom, *, overdue_only=False, today=None):
    """Pupils × assigned lessons: every cell's status, totals per lesson. Query count is fixed."""
    today = today or timezone.localdate()
    assignments = list(Assignment.objects.for_class(classroom))
    if overdue_only:
        assignments = [a for a in assignments if a.is_overdue(today)]
    translated = lessons_with_any_language([a.lesson_key for a in assignments])
    assignments = [a for a in assignments if a.lesson_key in translated]
    for assignment in assignments:
        assignment.shown_lesson = translated[assignment.lesson_key]
        assignment.overdue = assignment.is_overdue(today)
    pupils = list(classroom.pupils.only("pk", "display_name", "classroom_id"))
    keys = [a.lesson_key for a in assignments]
    progress = {
        (p.pupil_id, p.lesson_key): p
        for p in LessonProgress.objects.filter(pupil__classroom=classroom, lesson_key__in=keys)
    }
    quiz_keys = [a.shown_lesson.quiz.translation_key if a.shown_lesson.quiz_id else None for a in assignments]
    scores = latest_quiz_scores(
        Attempt.objects.filter(user__pupil__classroom=classroom, quiz__translation_key__in=set(quiz_keys) - {None})
    )
    # Cells are plain dicts with their text made once per status: the template only prints them.
    texts = {status: f"{STATUS_ICONS[status]} {label}" for status, label in STATUS_LABELS.items()}
    score_text = str(_("quiz %(score)s%%"))
    rows = []
    totals = [dict.fromkeys(STATUS_LABELS, 0) for _ in assignments]
    for pupil in pupils:
        cells = []
        for index, key in enumerate(keys):
            found = progress.get((pupil.pk, key))
            status = status_of(found)
            totals[index][status] += 1
            score = scores.get((pupil.pk, quiz_keys[index]))
            text = texts[status] if score is None else f"{texts[status]} · {score_text % {'score': score}}"
            cells.append({"status": status, "text": text, "label": STATUS_LABELS[status], "score": score})
        rows.append({"pupil": pupil, "name": pupil.display_name, "cells": cells})
    for assignment, total in zip(assignments, totals, strict=True):
        assignment.totals = total
        assignment.done_count, assignment.started_count = total[DONE], total[IN_PROGRESS]
    return {"assignments": assignments, "rows": rows}


def pupil_lessons(pupil, request=None):
    """A pupil's assigned lessons in their language, with status and where to continue."""
    assignments = list(Assignment.objects.for_class(pupil.classroom))
    translated = lessons_in_language([a.lesson_key for a in assignments])
    progress = {p.lesson_key: p for p in pupil.progress.filter(lesson_key__in=[a.lesson_key for a in assignments])}
    quiz_keys = {lesson.quiz.translation_key for lesson in translated.values() if lesson.quiz_id}
    scores = latest_quiz_scores(Attempt.objects.filter(user=pupil.user_id, quiz__translation_key__in=quiz_keys))
    today = timezone.localdate()
    items = []
    for assignment in assignments:
        lesson = translated.get(assignment.lesson_key)
        if lesson is None:
            continue
        found = progress.get(assignment.lesson_key)
        status = status_of(found)
        continue_url = lesson.step_url(request, max(found.last_step, 1) if status == IN_PROGRESS else 1)
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
                "quiz_url": lesson.quiz_url(request),
                "score": scores.get((pupil.pk, lesson.quiz.translation_key)) if lesson.quiz_id else None,
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
        "quiz_attempts": [
            {
                "quiz": attempt.quiz.title,
                "score": attempt.score,
                "out_of": attempt.max_score,
                "started": attempt.started_at.isoformat(),
                "finished": attempt.finished_at.isoformat() if attempt.finished_at else None,
            }
            for attempt in Attempt.objects.filter(user=pupil.user_id).select_related("quiz").order_by("started_at")
        ],
    }


def question_analysis(classroom, lesson):
    """What the class got right and wrong in the lesson's quiz, shown in the language of `lesson`.

    Attempts in every language count together, added up by the keys a quiz's translations share for each
    question and choice (quizzes.structure), so an editor reordering one language changes nothing."""
    if not lesson.quiz_id:
        return None
    quiz = Quiz.objects.filter(pk=lesson.quiz_id).only("pk", "translation_key").first()
    if quiz is None:
        return None
    attempts = Attempt.objects.finished().filter(
        user__pupil__classroom=classroom, quiz__translation_key=quiz.translation_key
    )
    questions = []
    for result in analyse(attempts, quiz=quiz):
        wrong = sorted(
            ({"text": choice.text, "count": times} for choice, times in result.wrong_choices if times),
            key=lambda item: -item["count"],
        )
        questions.append(
            {
                "text": result.question.text,
                "answered": result.answered,
                "share_correct": percent(result.correct, result.answered),
                "wrong_choices": wrong[:3],
            }
        )
    return {"attempt_count": attempts.count(), "questions": questions}
