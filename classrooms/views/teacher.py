"""Teacher and school admin screens: the dashboard, a school's staff, classes, pupils and login cards."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.addresses import absolute_url

from .. import queries
from ..access import classroom_for, pupil_for_staff, school_for_admin, staff_required
from ..forms import AddPupilsForm, ClassroomForm, InviteForm, RenamePupilForm
from ..services import roster, staff, throttle
from ..services.audit import audit


@staff_required
def dashboard(request):
    form = ClassroomForm(schools=queries.schools_of(request.user))
    return render(request, "classrooms/dashboard.html", {**queries.dashboard(request.user), "form": form})


@staff_required
def school_detail(request, pk):
    """A school admin's page: invite staff, see who is a member, and the audit log of pupil data."""
    school = school_for_admin(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        staff.invite_staff(
            school=school,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("classrooms:school", pk=school.pk)
    context = {"school": school, "form": form, **queries.school_page(school)}
    return render(request, "classrooms/school.html", context)


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
    audit(user=request.user, classroom=classroom, action="view_pupils")
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
def login_cards(request, pk):
    classroom = classroom_for(request, pk)
    pupil_list = queries.login_cards(
        classroom, language=get_language(), absolute_uri=lambda path: absolute_url(request, path)
    )
    audit(user=request.user, classroom=classroom, action="print_cards")
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
def classroom_delete(request, pk):
    classroom = classroom_for(request, pk)
    if request.method == "POST":
        audit(user=request.user, classroom=classroom, action="delete_class", name=classroom.name)
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
        roster.rename_pupil(pupil=pupil, name=form.cleaned_data["name"])
        messages.success(request, _("Name changed."))
        return redirect("classrooms:pupils", pk=pupil.classroom_id)
    locked = pupil.pk in throttle.locked_pupil_ids([pupil])
    return render(
        request,
        "classrooms/pupil.html",
        {"pupil": pupil, "classroom": pupil.classroom, "form": form, "is_locked": locked},
    )


@staff_required
@require_POST
def pupil_action(request, pk, action):
    pupil = pupil_for_staff(request, pk)
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
def pupil_delete(request, pk):
    pupil = pupil_for_staff(request, pk)
    if request.method == "POST":
        audit(user=request.user, classroom=pupil.classroom, action="delete_pupil")
        roster.delete_pupil(pupil=pupil)
        messages.success(request, _("The pupil and their work have been deleted."))
        return redirect("classrooms:pupils", pk=pupil.classroom_id)
    return render(request, "classrooms/confirm_delete.html", {"classroom": pupil.classroom, "object": pupil})
