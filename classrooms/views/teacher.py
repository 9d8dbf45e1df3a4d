"""Teacher and school admin screens: the dashboard, a school's staff, classes, pupils and login cards."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import throttle as account_throttle
from accounts.sessions import ask_confirmation, confirmation_required, recently_confirmed

from .. import queries
from ..access import classroom_for, pupil_for_staff, school_for_admin, staff_required
from ..forms import AccessRecordFilterForm, AddPupilsForm, ClassroomForm, InviteForm, RenamePupilForm
from ..services import roster, staff, throttle
from ..services.audit import audit

INVITATIONS_PER_HOUR = 30
ACCESS_RECORD_PAGE = 50
# What each action on a class or a pupil writes to the access record.
CLASS_ACTIONS_AUDITED = {
    "code": "new_code",
    "archive": "archive",
    "qr-on": "cards_on",
    "qr-off": "cards_off",
    "unlock": "unlock_class",
}
PUPIL_ACTIONS_AUDITED = {"reset": "reset_password", "unlock": "unlock_pupil"}


@staff_required
def dashboard(request):
    form = ClassroomForm(schools=queries.schools_of(request.user))
    return render(request, "classrooms/dashboard.html", {**queries.dashboard(request.user), "form": form})


@staff_required
def school_detail(request, pk):
    """A school admin's page: invite, remove and assign staff, and the access record with filters."""
    school = school_for_admin(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not account_throttle.allow(f"invite:{request.user.pk}", limit=INVITATIONS_PER_HOUR, seconds=60 * 60):
            messages.error(request, _("Too many invitations in the last hour. Try again later."))
            return redirect("classrooms:school", pk=school.pk)
        invitation = staff.invite_staff(
            school=school,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        audit(action="invite", user=request.user, school=school, request=request, instance=invitation)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("classrooms:school", pk=school.pk)
    log_filter = AccessRecordFilterForm(request.GET or None, school=school)
    entries = queries.access_record(school, **log_filter.filters())
    log_page = Paginator(entries, ACCESS_RECORD_PAGE).get_page(request.GET.get("page"))
    context = {"school": school, "form": form, "log_filter": log_filter, "log": log_page, **queries.school_page(school)}
    return render(request, "classrooms/school.html", context)


@staff_required
@require_POST
@confirmation_required
def school_member_remove(request, pk, member):
    """Offboarding: the member leaves the school and its classes and is signed out everywhere."""
    school = school_for_admin(request, pk)
    membership = get_object_or_404(school.memberships.select_related("user"), pk=member)
    if membership.user == request.user:
        messages.error(request, _("You cannot remove yourself. Another school admin can."))
        return redirect("classrooms:school", pk=school.pk)
    user = staff.remove_member(membership=membership)
    audit(action="remove_member", user=request.user, school=school, request=request, instance=user)
    messages.success(request, _("%(email)s no longer has access to this school.") % {"email": user.email})
    return redirect("classrooms:school", pk=school.pk)


@staff_required
@require_POST
def school_invitation_revoke(request, pk, invitation):
    school = school_for_admin(request, pk)
    invitation = get_object_or_404(school.invitations.filter(accepted_at__isnull=True), pk=invitation)
    audit(action="revoke_invitation", user=request.user, school=school, request=request, instance=invitation)
    staff.revoke_invitation(invitation=invitation)
    messages.success(request, _("The invitation no longer works."))
    return redirect("classrooms:school", pk=school.pk)


@staff_required
@require_POST
@confirmation_required
def school_class_teacher(request, pk, classroom, action):
    """A school admin adds a member of the school to a class, or takes a teacher off it."""
    school = school_for_admin(request, pk)
    classroom = get_object_or_404(school.classrooms, pk=classroom)
    membership = get_object_or_404(school.memberships.select_related("user"), user_id=request.POST.get("user"))
    if action == "add":
        staff.add_teacher(classroom=classroom, user=membership.user)
    elif action == "remove":
        staff.remove_teacher(classroom=classroom, user=membership.user)
    else:
        raise Http404
    audit(
        action=f"{action}_teacher", user=request.user, classroom=classroom, request=request, teacher=membership.user_id
    )
    messages.success(request, _("The class's teachers have been changed."))
    return redirect("classrooms:school", pk=school.pk)


@staff_required
def classroom_create(request):
    form = ClassroomForm(request.POST or None, schools=queries.schools_of(request.user))
    if request.method == "POST" and form.is_valid():
        classroom = roster.create_classroom(
            school=form.cleaned_data["school"],
            name=form.cleaned_data["name"],
            grade=form.cleaned_data["grade"],
            teacher=request.user,
        )
        messages.success(request, _("Class created. Now add your pupils."))
        return redirect("classrooms:pupils", pk=classroom.pk)
    return render(request, "classrooms/classroom_form.html", {"form": form})


@staff_required
def pupils(request, pk):
    """Add pupils by pasting names, and manage each pupil's login."""
    classroom = classroom_for(request, pk)
    form = AddPupilsForm(request.POST or None, classroom=classroom)
    if request.method == "POST" and form.is_valid():
        added = roster.add_pupils(classroom=classroom, names=form.cleaned_data["names"])
        messages.success(request, _("%(count)d pupils added.") % {"count": len(added)})
        return redirect("classrooms:pupils", pk=classroom.pk)
    pupil_list = queries.class_pupils(classroom)
    locked = throttle.locked_pupil_ids(pupil_list)
    for pupil in pupil_list:
        pupil.is_locked = pupil.pk in locked
    audit(action="view_pupils", user=request.user, classroom=classroom, request=request)
    return render(
        request,
        "classrooms/pupils.html",
        {
            "classroom": classroom,
            "form": form,
            "pupils": pupil_list,
            "class_locked": throttle.class_locked(classroom),
        },
    )


@staff_required
@confirmation_required
def login_cards(request, pk):
    classroom = classroom_for(request, pk)
    pupil_list = queries.login_cards(classroom, language=get_language(), absolute_uri=request.build_absolute_uri)
    audit(action="print_cards", user=request.user, classroom=classroom, request=request)
    context = {"classroom": classroom, "pupils": pupil_list, "qr_on": any(p.login_token for p in pupil_list)}
    return render(request, "classrooms/login_cards.html", context)


@staff_required
def classroom_settings(request, pk):
    classroom = classroom_for(request, pk)
    return render(request, "classrooms/classroom_settings.html", {"classroom": classroom})


@staff_required
@require_POST
def classroom_action(request, pk, action):
    classroom = classroom_for(request, pk)
    if action != "unlock" and not recently_confirmed(request):  # new code, archive, cards: confirm it's you
        return ask_confirmation(request)
    if action in CLASS_ACTIONS_AUDITED:
        audited = CLASS_ACTIONS_AUDITED[action]
        if action == "archive" and classroom.archived_at is not None:
            audited = "restore"
        audit(action=audited, user=request.user, classroom=classroom, request=request)
    if action == "code":
        roster.regenerate_code(classroom=classroom)
        messages.success(
            request, _("The class has a new code: %(code)s. Print new login cards.") % {"code": classroom.code}
        )
    elif action == "archive":
        roster.archive_classroom(classroom=classroom, archived=classroom.archived_at is None)
        messages.success(request, _("Class archived.") if classroom.archived_at else _("Class restored."))
    elif action == "qr-on":
        roster.enable_qr_sign_in(classroom=classroom)
        messages.success(request, _("The login cards now carry a QR code. Print them again."))
        return redirect("classrooms:login_cards", pk=classroom.pk)
    elif action == "qr-off":
        roster.disable_qr_sign_in(classroom=classroom)
        messages.success(request, _("QR codes switched off: the printed QR codes no longer work."))
        return redirect("classrooms:login_cards", pk=classroom.pk)
    elif action == "unlock":
        throttle.clear_class_lock(classroom=classroom)
        messages.success(request, _("Sign-in for this class is open again."))
        return redirect("classrooms:pupils", pk=classroom.pk)
    else:
        raise Http404
    return redirect("classrooms:classroom_settings", pk=classroom.pk)


@staff_required
@confirmation_required
def classroom_delete(request, pk):
    classroom = classroom_for(request, pk)
    if request.method == "POST":
        audit(action="delete_class", user=request.user, classroom=classroom, request=request, name=classroom.name)
        roster.delete_classroom(classroom=classroom)
        messages.success(request, _("The class and everything about its pupils have been deleted."))
        return redirect("classrooms:dashboard")
    return render(request, "classrooms/confirm_delete.html", {"classroom": classroom, "object": classroom})


# ---- one pupil ----------------------------------------------------------------------------------


@staff_required
def pupil_detail(request, pk):
    pupil = pupil_for_staff(request, pk)
    form = RenamePupilForm(request.POST or None, pupil=pupil, initial={"name": pupil.display_name})
    if request.method == "POST" and form.is_valid():
        audit(action="rename_pupil", user=request.user, classroom=pupil.classroom, request=request, pupil=pupil.pk)
        roster.rename_pupil(pupil=pupil, name=form.cleaned_data["name"])
        messages.success(request, _("Name changed."))
        return redirect("classrooms:pupils", pk=pupil.classroom_id)
    locked = pupil.pk in throttle.locked_pupil_ids([pupil])
    audit(action="view_pupil", user=request.user, classroom=pupil.classroom, request=request, pupil=pupil.pk)
    return render(
        request,
        "classrooms/pupil.html",
        {"pupil": pupil, "classroom": pupil.classroom, "form": form, "is_locked": locked},
    )


@staff_required
@require_POST
def pupil_action(request, pk, action):
    pupil = pupil_for_staff(request, pk)
    if action == "reset" and not recently_confirmed(request):  # a new password and card: confirm it's you
        return ask_confirmation(request)
    if action in PUPIL_ACTIONS_AUDITED:
        audit(
            action=PUPIL_ACTIONS_AUDITED[action],
            user=request.user,
            classroom=pupil.classroom,
            request=request,
            pupil=pupil.pk,
        )
    if action == "reset":
        roster.reset_pupil_password(pupil=pupil)
        messages.success(request, _("%(name)s has a new password. Print a new card.") % {"name": pupil.display_name})
    elif action == "unlock":
        throttle.clear_pupil_lock(pupil=pupil)
        messages.success(request, _("%(name)s can sign in again.") % {"name": pupil.display_name})
    else:
        raise Http404
    return redirect("classrooms:pupils", pk=pupil.classroom_id)


@staff_required
@confirmation_required
def pupil_delete(request, pk):
    pupil = pupil_for_staff(request, pk)
    if request.method == "POST":
        audit(action="delete_pupil", user=request.user, classroom=pupil.classroom, request=request, pupil=pupil.pk)
        roster.delete_pupil(pupil=pupil)
        messages.success(request, _("The pupil and their work have been deleted."))
        return redirect("classrooms:pupils", pk=pupil.classroom_id)
    return render(request, "classrooms/confirm_delete.html", {"classroom": pupil.classroom, "object": pupil})
