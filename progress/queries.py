"""Reads for the teacher's grid, the pupil's lessons and data exports, each in a fixed number of queries."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from classrooms.queries import access_record
from core.names import sorted_by_name
from curriculum.models import AgeBand
from lessons.models import LessonPage
from quizzes.models import Answer, Attempt, Choice, Quiz
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


def reassign_changes(classroom, lessons, *, due_date, note):
    """The lessons among `lessons` already assigned to the class whose due date or note assigning them
    again would change, each with its current due date and note (one query)."""
    current = {
        a.lesson_key: a
        for a in Assignment.objects.filter(classroom=classroom, lesson_key__in=[x.translation_key for x in lessons])
    }
    changes = []
    for lesson in lessons:
        found = current.get(lesson.translation_key)
        if found is not None and (found.due_date != due_date or found.note != note):
            changes.append({"lesson": lesson, "assignment": found})
    return changes


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


SORT_BY_NAME, SORT_BY_PROGRESS = "name", "progress"


def class_grid(classroom, *, overdue_only=False, unfinished_only=False, sort=SORT_BY_NAME, today=None):
    """Pupils × assigned lessons: every cell's status, counts per lesson. Query count is fixed.

    Rows are in name order (pinyin for Chinese names) or, with `sort="progress"`, fewest lessons done first;
    `unfinished_only` keeps the pupils who have not finished every lesson shown. The counts per lesson
    (done, in progress, not started, overdue) are of the whole class, whatever the filter."""
    today = today or timezone.localdate()
    assignments = list(Assignment.objects.for_class(classroom))
    if overdue_only:
        assignments = [a for a in assignments if a.is_overdue(today)]
    translated = lessons_with_any_language([a.lesson_key for a in assignments])
    assignments = [a for a in assignments if a.lesson_key in translated]
    for assignment in assignments:
        assignment.shown_lesson = translated[assignment.lesson_key]
        assignment.overdue = assignment.is_overdue(today)
    pupils = sorted_by_name(classroom.pupils.only("pk", "display_name", "classroom_id"))
    keys = [a.lesson_key for a in assignments]
    progress = {
        (p.pupil_id, p.lesson_key): p
        for p in LessonProgress.objects.filter(pupil__classroom=classroom, lesson_key__in=keys).only(
            "pupil_id", "lesson_key", "furthest_step", "completed_at"
        )
    }
    quiz_keys = [a.shown_lesson.quiz.translation_key if a.shown_lesson.quiz_id else None for a in assignments]
    scores = latest_quiz_scores(
        Attempt.objects.filter(user__pupil__classroom=classroom, quiz__translation_key__in=set(quiz_keys) - {None})
    )
    # Cells are plain dicts with their text made once per status: the template only prints them.
    texts = {status: f"{STATUS_ICONS[status]} {label}" for status, label in STATUS_LABELS.items()}
    late_text = f"! {_('overdue')}"  # the legend's "! Overdue", on each unfinished cell of a lesson past its date
    score_text = str(_("quiz %(score)s%%"))
    rows = []
    totals = [dict.fromkeys(STATUS_LABELS, 0) for _ in assignments]
    overdue_counts = [0] * len(assignments)
    for pupil in pupils:
        cells = []
        done = 0
        for index, key in enumerate(keys):
            found = progress.get((pupil.pk, key))
            status = status_of(found)
            totals[index][status] += 1
            late = status != DONE and assignments[index].overdue
            if status == DONE:
                done += 1
            elif late:
                overdue_counts[index] += 1
            score = scores.get((pupil.pk, quiz_keys[index]))
            text = texts[status] if score is None else f"{texts[status]} · {score_text % {'score': score}}"
            if late:
                text = f"{text} · {late_text}"
            cells.append({"status": status, "text": text, "label": STATUS_LABELS[status], "score": score, "late": late})
        started = sum(1 for cell in cells if cell["status"] == IN_PROGRESS)
        rows.append({"pupil": pupil, "name": pupil.display_name, "cells": cells, "done": done, "started": started})
    for assignment, total, overdue in zip(assignments, totals, overdue_counts, strict=True):
        assignment.totals = total
        assignment.done_count, assignment.started_count = total[DONE], total[IN_PROGRESS]
        assignment.not_started_count, assignment.overdue_count = total[NOT_STARTED], overdue
    pupil_count = len(rows)
    if unfinished_only:
        rows = [row for row in rows if row["done"] < len(keys)]
    if sort == SORT_BY_PROGRESS:
        rows.sort(key=lambda row: (row["done"], row["started"]))  # stable: name order within a tie
    return {"assignments": assignments, "rows": rows, "pupil_count": pupil_count}


def pupil_progress(pupil, request=None):
    """One pupil's assigned lessons for their teacher: status, steps, quiz scores and when last active.

    Lessons are shown in the reader's language where there is one; the query count is fixed."""
    assignments = list(Assignment.objects.for_class(pupil.classroom))
    keys = [a.lesson_key for a in assignments]
    translated = lessons_with_any_language(keys)
    progress = {p.lesson_key: p for p in pupil.progress.filter(lesson_key__in=keys)}
    quiz_keys = {lesson.quiz.translation_key for lesson in translated.values() if lesson.quiz_id}
    attempts = list(
        Attempt.objects.finished()
        .filter(user=pupil.user_id, quiz__translation_key__in=quiz_keys)
        .order_by("finished_at", "pk")
        .values_list("quiz__translation_key", "score", "max_score", "finished_at")
    )
    scores = {}
    for key, score, max_score, finished_at in attempts:
        scores.setdefault(key, []).append(
            {"score": score, "max_score": max_score, "percent": percent(score, max_score), "at": finished_at}
        )
    today = timezone.localdate()
    items = []
    for assignment in assignments:
        lesson = translated.get(assignment.lesson_key)
        if lesson is None:
            continue
        found = progress.get(assignment.lesson_key)
        tries = scores.get(lesson.quiz.translation_key, []) if lesson.quiz_id else []
        items.append(
            {
                **_status_item(assignment, lesson, found, today),
                "attempts": tries,
                "latest": tries[-1] if tries else None,
            }
        )
    moments = [p.updated_at for p in progress.values()] + [finished_at for *_rest, finished_at in attempts]
    return {
        "items": items,
        "done_count": sum(1 for item in items if item["status"] == DONE),
        "last_active": max(moments, default=None),
    }


def _status_item(assignment, lesson, found, today):
    """What a pupil's row for one assigned lesson always says: the lesson, its status and whether it is late."""
    status = status_of(found)
    return {
        "assignment": assignment,
        "lesson": lesson,
        "status": status,
        "label": STATUS_LABELS[status],
        "icon": STATUS_ICONS[status],
        "progress": found,
        "overdue": status != DONE and assignment.is_overdue(today),
    }


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
                **_status_item(assignment, lesson, found, today),
                "continue_url": continue_url,
                "quiz_url": lesson.quiz_url(request),
                "score": scores.get((pupil.pk, lesson.quiz.translation_key)) if lesson.quiz_id else None,
            }
        )
    return items


def next_assigned_lesson(pupil, lesson, request=None):
    """The pupil's next assigned lesson not yet done after `lesson` (in assignment order, wrapping round), in
    the lesson's language; None if every other assigned lesson is done. Three queries."""
    keys = list(Assignment.objects.for_class(pupil.classroom).values_list("lesson_key", flat=True))
    done = set(pupil.progress.filter(completed_at__isnull=False).values_list("lesson_key", flat=True))
    start = keys.index(lesson.translation_key) + 1 if lesson.translation_key in keys else 0
    waiting = [key for key in keys[start:] + keys[:start] if key not in done and key != lesson.translation_key]
    if not waiting:
        return None
    translated = lessons_in_language(waiting, lesson.locale.language_code)
    return next((translated[key] for key in waiting if key in translated), None)


def pupil_export(pupil):
    """Everything kept about one pupil, as plain data for a JSON download: progress, quiz attempts with every
    answer, and the access record about them. A fixed number of queries, however much there is."""
    keys = {p.lesson_key: p for p in pupil.progress.all()}
    titles = {
        page.translation_key: page.title
        for page in LessonPage.objects.filter(translation_key__in=keys, locale__language_code=get_language())
        .defer_streamfields()
        .only("title", "translation_key")
    }
    attempts = (
        Attempt.objects.filter(user=pupil.user_id)
        .select_related("quiz")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question").order_by("question__sort_order")),
            "answers__choices",
        )
        .order_by("started_at")
    )
    record = access_record(pupil.classroom.school, pupil=pupil.pk)
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
                "answers": [
                    {
                        "question": answer.question.text,
                        "chosen": [choice.text for choice in answer.choices.all()],
                        "right": answer.is_correct,
                        "answered": answer.answered_at.isoformat(),
                    }
                    for answer in attempt.answers.all()
                ],
            }
            for attempt in attempts
        ],
        "access_record": [
            {
                "when": entry.timestamp.isoformat(),
                "action": str(entry.message),
                "by": (entry.user.get_full_name() or entry.user.email) if entry.user else None,
                "from": entry.data.get("address"),
            }
            for entry in record
        ],
    }


def quiz_in_language(lesson, language=None):
    """The quiz of `lesson` in `language` (by default the lesson's own, which the view picks in the reader's
    language) where it has one, else the quiz the lesson links; two queries. A lesson may link a quiz of
    another language: the analysis is still shown in the page's language."""
    own = Quiz.objects.filter(pk=lesson.quiz_id).only("pk", "translation_key").first()
    if own is None:
        return None
    language = language or lesson.locale.language_code
    return (
        Quiz.objects.filter(translation_key=own.translation_key, locale__language_code=language)
        .only("pk", "translation_key")
        .first()
        or own
    )


def may_see_safeguarding_answers(user, classroom):
    """Whether `user` may see which pupils chose a safeguarding-relevant answer: the class's own teachers and
    the school's admins. Hook: the school's designated safeguarding staff join here once classrooms keeps
    that flag on Membership (the safeguarding branch)."""
    return (
        classroom.teachers.filter(pk=user.pk).exists()
        or classroom.school.memberships.admin().filter(user=user).exists()
    )


def safeguarding_choices(classroom, quiz, attempts):
    """{choice key: [pupils who chose it]} for the quiz's safeguarding-relevant choices, counted across the
    quiz's languages (a choice is flagged if any translation flags it); two queries."""
    keys = set(
        Choice.objects.filter(
            question__quiz__translation_key=quiz.translation_key, safeguarding_relevant=True
        ).values_list("key", flat=True)
    )
    if not keys:
        return {}
    rows = (
        Answer.choices.through.objects.filter(answer__attempt__in=attempts.values("pk"), choice__key__in=keys)
        .values_list("choice__key", "answer__attempt__user__pupil__pk", "answer__attempt__user__pupil__display_name")
        .distinct()
    )
    chosen = {}
    for key, pupil_pk, name in rows:
        if pupil_pk is not None:
            chosen.setdefault(key, {})[pupil_pk] = name
    return {
        key: sorted_by_name([{"pk": pk, "name": name} for pk, name in pupils.items()], name=lambda p: p["name"])
        for key, pupils in chosen.items()
    }


def question_analysis(classroom, lesson, *, show_safeguarding=False):
    """What the class got right and wrong in the lesson's quiz, hardest question first, in the reader's language.

    Attempts in every language count together, added up by the keys a quiz's translations share for each
    question and choice (quizzes.structure), so an editor reordering one language changes nothing. With
    `show_safeguarding` (see may_see_safeguarding_answers), a safeguarding-relevant wrong answer lists the
    pupils who chose it. A fixed number of queries."""
    if not lesson.quiz_id:
        return None
    quiz = quiz_in_language(lesson)
    if quiz is None:
        return None
    attempts = Attempt.objects.finished().filter(
        user__pupil__classroom=classroom, quiz__translation_key=quiz.translation_key
    )
    chosen_by = safeguarding_choices(classroom, quiz, attempts) if show_safeguarding else {}
    questions = []
    for number, result in enumerate(analyse(attempts, quiz=quiz), start=1):
        wrong = sorted(
            (
                {
                    "text": choice.text,
                    "key": choice.key,
                    "count": times,
                    "feedback": choice.feedback,
                    "share": percent(times, result.answered),
                    "pupils": chosen_by.get(choice.key),
                }
                for choice, times in result.wrong_choices
                if times
            ),
            key=lambda item: -item["count"],
        )
        share = percent(result.correct, result.answered)
        questions.append(
            {
                "number": number,
                "key": result.question.key,
                "text": result.question.text,
                "answered": result.answered,
                "share_correct": share,
                "right_answers": [choice for choice in result.question.choices.all() if choice.is_correct],
                "wrong_choices": wrong[:3],
            }
        )
    questions.sort(key=lambda item: (item["share_correct"] is None, item["share_correct"] or 0, item["number"]))
    return {"attempt_count": attempts.count(), "questions": questions}


def lessons_to_present(classrooms):
    """{classroom pk: the lesson page each class is likely to be taught next}: the assignment due soonest from
    today, else the one assigned last, in the reader's language. Two queries, however many classes."""
    today = timezone.localdate()
    per_class = {}
    for assignment in Assignment.objects.filter(classroom__in=classrooms).only("classroom", "lesson_key", "due_date"):
        per_class.setdefault(assignment.classroom_id, []).append(assignment)
    chosen = {}
    for pk, assignments in per_class.items():
        upcoming = [a for a in assignments if a.due_date is not None and a.due_date >= today]
        chosen[pk] = (
            min(upcoming, key=lambda a: (a.due_date, a.pk)) if upcoming else max(assignments, key=lambda a: a.pk)
        )
    pages = lessons_in_language([assignment.lesson_key for assignment in chosen.values()])
    return {pk: pages[a.lesson_key] for pk, a in chosen.items() if a.lesson_key in pages}
