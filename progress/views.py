"""Teacher screens for a class's lessons and progress, and the pupil's own lessons."""

import copy
import csv
import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.sessions import confirmation_required
from classrooms.access import classroom_for, pupil_for_staff, pupil_required, staff_required
from classrooms.services.audit import audit

from . import queries, services
from .forms import AssignForm, AssignmentForm
from .models import Assignment


@staff_required
def class_progress(request, pk):
    classroom = classroom_for(request, pk)
    overdue_only = request.GET.get("overdue") == "1"
    unfinished_only = request.GET.get("unfinished") == "1"
    sort = queries.SORT_BY_PROGRESS if request.GET.get("sort") == queries.SORT_BY_PROGRESS else queries.SORT_BY_NAME
    grid = queries.class_grid(classroom, overdue_only=overdue_only, unfinished_only=unfinished_only, sort=sort)
    audit(user=request.user, request=request, classroom=classroom, action="view_progress")
    return render(
        request,
        "progress/class_progress.html",
        {
            "classroom": classroom,
            "overdue_only": overdue_only,
            "unfinished_only": unfinished_only,
            "sort": sort,
            **grid,
        },
    )


@staff_required
def pupil_progress(request, pk):
    """One pupil's lessons, steps, quiz scores and when they were last active, for their teacher."""
    pupil = pupil_for_staff(request, pk)
    audit(user=request.user, request=request, classroom=pupil.classroom, action="view_progress", pupil=pupil.pk)
    return render(
        request,
        "progress/pupil_progress.html",
        {"classroom": pupil.classroom, "pupil": pupil, **queries.pupil_progress(pupil, request)},
    )


def _safe_cell(value):
    """Spreadsheets run cells that start with these characters as formulas: neutralise them."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@staff_required
@confirmation_required
def class_export(request, pk):
    classroom = classroom_for(request, pk)
    grid = queries.class_grid(classroom)
    audit(user=request.user, request=request, classroom=classroom, action="export_class")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="class-{classroom.pk}-progress.csv"'
    response.write("\ufeff")  # spreadsheet programs then read UTF-8 (Chinese names) correctly
    writer = csv.writer(response)
    header = [_("Pupil")]
    for assignment in grid["assignments"]:
        title = assignment.shown_lesson.title
        header += [title, _("%(lesson)s: quiz score (%%)") % {"lesson": title}]
    writer.writerow([_safe_cell(value) for value in header])
    for row in grid["rows"]:
        values = [row["name"]]
        for cell in row["cells"]:
            values += [cell["label"], "" if cell["score"] is None else cell["score"]]
        writer.writerow([_safe_cell(value) for value in values])
    return response


@staff_required
def assign(request, pk):
    """The lessons of the class's age band in the current language; the class's own grade first."""
    classroom = classroom_for(request, pk)
    band, lessons = queries.assignable_lessons(classroom)
    form = AssignForm(request.POST or None, lessons=lessons)
    changes = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = queries.reassign_changes(classroom, data["lessons"], due_date=data["due_date"], note=data["note"])
        if not changes or data["confirm"]:
            assigned = services.assign_lessons(
                classroom=classroom, lessons=data["lessons"], due_date=data["due_date"], note=data["note"]
            )
            messages.success(request, _("%(count)d lessons assigned.") % {"count": len(assigned)})
            if changes:
                separator = "、" if get_language().startswith("zh") else ", "
                messages.info(
                    request,
                    _("New due date and note for: %(lessons)s.")
                    % {"lessons": separator.join(change["lesson"].title for change in changes)},
                )
            return redirect("progress:class_progress", pk=classroom.pk)
    assigned_keys = queries.assigned_lesson_keys(classroom)
    checked = set(request.POST.getlist("lessons"))
    lesson_rows = [
        {
            "lesson": lesson,
            "assigned": lesson.translation_key in assigned_keys,
            "own_grade": lesson.grade == classroom.grade,
            "checked": str(lesson.pk) in checked,
        }
        for lesson in lessons
    ]
    return render(
        request,
        "progress/assign.html",
        {
            "classroom": classroom,
            "band": band,
            "form": form,
            "lesson_rows": lesson_rows,
            "changes": changes,
            "confirming": bool(changes) or getattr(form, "needs_confirmation", False),
        },
    )


@staff_required
def assignment_detail(request, pk, assignment_pk):
    """One assigned lesson: its due date and note and, with a quiz, what the class has not understood yet."""
    classroom = classroom_for(request, pk)
    assignment = get_object_or_404(Assignment.objects.for_class(classroom), pk=assignment_pk)
    lesson = queries.lessons_with_any_language([assignment.lesson_key]).get(assignment.lesson_key)
    if lesson is None:
        raise Http404
    # The form works on a copy: a refused or unconfirmed edit must not show as the saved due date above it.
    form = AssignmentForm(request.POST or None, instance=copy.copy(assignment), prefix="edit")
    if request.method == "POST" and form.is_valid():
        services.update_assignment(
            assignment=assignment, due_date=form.cleaned_data["due_date"], note=form.cleaned_data["note"]
        )
        messages.success(request, _("Due date and note saved."))
        return redirect("progress:assignment", pk=classroom.pk, assignment_pk=assignment.pk)
    audit(
        user=request.user,
        request=request,
        classroom=classroom,
        action="view_progress",
        lesson=str(assignment.lesson_key),
    )
    analysis = queries.question_analysis(
        classroom, lesson, show_safeguarding=queries.may_see_safeguarding_answers(request.user, classroom)
    )
    return render(
        request,
        "progress/assignment.html",
        {
            "classroom": classroom,
            "assignment": assignment,
            "lesson": lesson,
            "analysis": analysis if analysis and analysis["attempt_count"] else None,
            "has_quiz": analysis is not None,
            "form": form,
            "confirming": getattr(form, "needs_confirmation", False),
        },
    )


@staff_required
@require_POST
def assignment_remove(request, pk, assignment_pk):
    classroom = classroom_for(request, pk)
    get_object_or_404(Assignment, classroom=classroom, pk=assignment_pk).delete()
    messages.success(request, _("The lesson is no longer assigned. Pupils' progress is kept."))
    return redirect("progress:class_progress", pk=classroom.pk)


@staff_required
@confirmation_required
def pupil_export(request, pk):
    pupil = pupil_for_staff(request, pk)
    audit(user=request.user, request=request, classroom=pupil.classroom, action="export_pupil", pupil=pupil.pk)
    response = HttpResponse(
        json.dumps(queries.pupil_export(pupil), ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="pupil-{pupil.pk}.json"'
    return response


@pupil_required
def my_lessons(request):
    pupil = request.pupil
    items = queries.pupil_lessons(pupil, request)
    return render(request, "progress/my_lessons.html", {"pupil": pupil, "items": items})
