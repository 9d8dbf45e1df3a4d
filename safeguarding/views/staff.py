"""The concern log: record a concern, the queue, one concern with its chronology, referrals, print, delete.

Every screen writes one entry in the access record; none is cached; each has a "hide screen" link."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from classrooms.models import Membership, Pupil

from .. import queries, services
from ..access import can_manage, concern_for, staff_only
from ..forms import ConcernForm, DeleteForm, NoteForm, ReferralForm, UpdateForm
from ..models import Status, managing_schools


@staff_only
def queue(request):
    """Designated staff and school admins: every concern of their schools; a teacher: those they recorded."""
    status = request.GET.get("status", "")
    concerns = list(queries.queue(request.user, status=status))
    for membership in Membership.objects.filter(user=request.user):
        services.audit(
            user=request.user,
            request=request,
            instance=membership.school,
            action="view_queue",
            school_id=membership.school_id,
        )
    return render(
        request,
        "safeguarding/queue.html",
        {
            "concerns": concerns,
            "status": status if status in Status.values else "",
            "statuses": Status.choices,
            "overdue": [concern for concern in concerns if concern.is_overdue],
            "manages": managing_schools(request.user).exists(),
        },
    )


@staff_only
def record(request):
    form = ConcernForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.has_error("pupil", "invalid_choice") or form.has_error("school", "invalid_choice"):
            raise Http404  # an unknown pupil or school, or one of another school
        if form.is_valid():
            concern, created = services.record_concern(
                school=form.cleaned_data["school"],
                user=request.user,
                key=form.cleaned_data["key"],
                pupil=form.cleaned_data["pupil"],
                child_name=form.cleaned_data["child_name"],
                fields=form.concern_fields(),
                risk=form.cleaned_data["risk"],
            )
            if created:
                services.notify_new_concern(concern=concern, base_url=request.build_absolute_uri("/"))
                messages.success(request, _("The concern is recorded and the designated staff are told."))
            return redirect("safeguarding:concern", pk=concern.pk)
    return render(request, "safeguarding/concern_form.html", {"form": form})


def _detail(request, concern, *, note_form=None, update_form=None, status=200):
    manages = can_manage(request.user, concern)
    context = {
        "concern": concern,
        "chronology": queries.chronology(concern),
        "referrals": list(concern.referrals.all()),
        "manages": manages,
        "note_form": note_form or NoteForm(),
        "update_form": update_form
        or UpdateForm(
            initial={
                "status": concern.status,
                "urgency": concern.urgency,
                "risk": concern.risk_reported_at is not None,
            }
        ),
        "may_delete": manages and queries.may_delete(concern),
        "deletable_from": queries.deletable_from(concern),
    }
    return render(request, "safeguarding/concern_detail.html", context, status=status)


@staff_only
def concern_detail(request, pk):
    concern = concern_for(request, pk)
    if can_manage(request.user, concern):
        services.mark_seen(concern=concern, user=request.user)
    services.audit(user=request.user, request=request, instance=concern, action="view", school_id=concern.school_id)
    return _detail(request, concern)


@staff_only
@require_POST
def add_note(request, pk):
    """The teacher who recorded a concern, designated staff and the school admin may add to it."""
    concern = concern_for(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(concern=concern, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Added to the record."))
        return redirect("safeguarding:concern", pk=concern.pk)
    services.audit(user=request.user, request=request, instance=concern, action="view", school_id=concern.school_id)
    return _detail(request, concern, note_form=form)


@staff_only
@require_POST
def update(request, pk):
    concern = concern_for(request, pk, managed=True)
    form = UpdateForm(request.POST)
    if form.is_valid():
        services.update_concern(
            concern=concern,
            user=request.user,
            status=form.cleaned_data["status"],
            urgency=form.cleaned_data["urgency"],
            risk=form.cleaned_data["risk"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Saved."))
        return redirect("safeguarding:concern", pk=concern.pk)
    services.audit(user=request.user, request=request, instance=concern, action="view", school_id=concern.school_id)
    return _detail(request, concern, update_form=form)


@staff_only
def referral(request, pk):
    """Record a report to the police (强制报告) or a referral to another agency."""
    concern = concern_for(request, pk)
    initial = {"reported_by": services.staff_name(request.user), "reported_at": timezone.localtime()}
    form = ReferralForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_referral(concern=concern, user=request.user, **form.cleaned_data)
        messages.success(request, _("The report is recorded."))
        return redirect("safeguarding:concern", pk=concern.pk)
    services.audit(user=request.user, request=request, instance=concern, action="view", school_id=concern.school_id)
    return render(request, "safeguarding/referral_form.html", {"concern": concern, "form": form})


@staff_only
def print_view(request, pk):
    """One concern's chronology for the authorities: prints on paper or to PDF, no JavaScript needed."""
    concern = concern_for(request, pk)
    services.audit(user=request.user, request=request, instance=concern, action="print", school_id=concern.school_id)
    context = {
        "concern": concern,
        "chronology": queries.chronology(concern),
        "referrals": list(concern.referrals.all()),
        "printed_at": timezone.now(),
        "printed_by": services.staff_name(request.user),
    }
    return render(request, "safeguarding/concern_print.html", context)


@staff_only
def pupil_chronology(request, pk):
    """Every concern about one pupil of a school this user manages, oldest first."""
    pupil = get_object_or_404(
        Pupil.objects.select_related("classroom__school").filter(classroom__school__in=managing_schools(request.user)),
        pk=pk,
    )
    concerns = queries.pupil_chronology(request.user, pupil)
    services.audit(
        user=request.user,
        request=request,
        instance=pupil.classroom.school,
        action="view_chronology",
        school_id=pupil.classroom.school_id,
    )
    return render(request, "safeguarding/pupil_chronology.html", {"pupil": pupil, "concerns": concerns})


@staff_only
def delete(request, pk):
    """Only designated staff, only a closed concern whose retention period has passed, only with a reason."""
    concern = concern_for(request, pk, managed=True)
    if not Membership.objects.filter(user=request.user, school=concern.school, is_designated=True).exists():
        raise Http404
    form = DeleteForm(request.POST or None)
    allowed = queries.may_delete(concern)
    if request.method == "POST" and allowed and form.is_valid():
        services.delete_concern(concern=concern, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The concern is deleted. Your decision is recorded."))
        return redirect("safeguarding:queue")
    services.audit(user=request.user, request=request, instance=concern, action="view", school_id=concern.school_id)
    context = {"concern": concern, "form": form, "allowed": allowed, "deletable_from": queries.deletable_from(concern)}
    return render(request, "safeguarding/delete.html", context)
