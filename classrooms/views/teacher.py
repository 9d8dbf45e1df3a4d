"""Teacher and school admin screens: the dashboard, a school's staff, classes, pupils and login cards."""

import segno
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from accounts import throttle as account_throttle
from accounts.sessions import ask_confirmation, confirmation_required, recently_confirmed
from core.addresses import absolute_url
from core.network import client_address

from .. import queries
from ..access import classroom_for, pupil_for_staff, school_for_admin, staff_required
from ..forms import (
    AccessRecordFilterForm,
    AddPupilsForm,
    ClassroomForm,
    DeviceForm,
    InviteForm,
    RenamePupilForm,
    SignInWindowForm,
)
from ..hooks import DASHBOARD_LINKS
from ..services import roster, signin, staff, throttle
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
    context = {**queries.dashboard(request.user), "form": form, "window_form": SignInWindowForm()}
    # Apps above classrooms (progress) add links to each class's card through the DASHBOARD_LINKS hook.
    for links_for in hooks.get_hooks(DASHBOARD_LINKS):
        found = links_for(request, context["classrooms"])
        for classroom in context["classrooms"]:
            classroom.dashboard_links = [*getattr(classroom, "dashboard_links", []), *found.get(classroom.pk, [])]
    return render(request, "classrooms/dashboard.html", context)


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
@confirmation_required
def school_second_factor(request, pk):
    """A school admin requires two-step sign-in for every member of staff of the school, or makes it optional for
    teachers again (school admins always need it). Asks for the password again first, like other access changes."""
    school = school_for_admin(request, pk)
    if request.method == "POST":
        required = request.POST.get("required") == "1"
        if required != school.requires_second_factor:
            staff.set_second_factor_required(school=school, required=required)
            action = "second_factor_required" if required else "second_factor_optional"
            audit(action=action, user=request.user, school=school, request=request)
        messages.success(
            request,
            _("Every teacher of this school now needs two-step sign-in.")
            if required
            else _("Two-step sign-in is now optional for teachers. School admins still need it."),
        )
        return redirect("classrooms:school_second_factor", pk=school.pk)
    context = {"school": school, "enforced": settings.STAFF_MFA_ENFORCED, **queries.second_factor_page(school)}
    return render(request, "classrooms/school_second_factor.html", context)


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
    locks = throttle.pupil_locks([pupil.pk for pupil in pupil_list])
    for pupil in pupil_list:
        pupil.lock = locks.get(pupil.pk)
        pupil.is_locked = pupil.lock is not None
    audit(action="view_pupils", user=request.user, classroom=classroom, request=request)
    context = {
        "classroom": classroom,
        "form": form,
        "pupils": pupil_list,
        "locked_pupils": [pupil for pupil in pupil_list if pupil.is_locked],
        "window_form": SignInWindowForm(),
        "device_form": DeviceForm(),
        "devices": list(classroom.devices.all()),
        "this_device": _this_device(request, classroom),
    }
    return render(request, "classrooms/pupils.html", context)


def _this_device(request, classroom):
    device = signin.device_from_cookie(request.COOKIES.get(signin.DEVICE_COOKIE))
    return device if device is not None and device.classroom_id == classroom.pk else None


def _back(request, default):
    """Back to the page the form was on (the dashboard or the class page), never to another site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


@staff_required
def sign_in_board(request, pk):
    """The class code and the sign-in number, big enough to read from the back of the room (for the projector)."""
    classroom = classroom_for(request, pk)
    address = absolute_url(request, reverse("classrooms:pupil_login"))
    return render(request, "classrooms/sign_in_board.html", {"classroom": classroom, "address": address})


@staff_required
@confirmation_required
def login_cards(request, pk):
    classroom = classroom_for(request, pk)
    pupil_list = queries.login_cards(
        classroom, language=get_language(), absolute_uri=lambda path: absolute_url(request, path)
    )
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
    # New code, archive, cards: confirm it's you. Unlocking a pupil and a new sign-in number are one tap in the
    # middle of a lesson (whoever holds this session sees the number on the dashboard anyway).
    if action not in ("unlock", "number") and not recently_confirmed(request):
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
    elif action in SIGN_IN_ACTIONS:
        return _sign_in_action(request, classroom, action)
    else:
        raise Http404
    return redirect("classrooms:classroom_settings", pk=classroom.pk)


SIGN_IN_ACTIONS = {"open", "extend", "close", "number", "home-on", "home-off", "clear-alert", "cards-rotate", "device"}


def _sign_in_action(request, classroom, action):
    """The sign-in controls of the class page (open, extend and close also on the dashboard)."""
    pupils_page = reverse("classrooms:pupils", kwargs={"pk": classroom.pk})
    if classroom.archived_at is not None:
        messages.error(request, _("This class is archived. Restore it first."))
        return redirect(pupils_page)
    if action == "open":
        form = SignInWindowForm(request.POST)
        minutes = form.cleaned_data["minutes"] if form.is_valid() else signin.DEFAULT_WINDOW_MINUTES
        signin.open_sign_in(classroom=classroom, address=client_address(request), minutes=minutes)
        messages.success(request, _("Sign-in is open for %(minutes)d minutes.") % {"minutes": minutes})
    elif action == "extend":
        signin.extend_sign_in(classroom=classroom)
        messages.success(
            request, _("Sign-in is open for %(minutes)d more minutes.") % {"minutes": signin.EXTEND_MINUTES}
        )
    elif action == "close":
        signin.close_sign_in(classroom=classroom)
        messages.success(request, _("Sign-in is closed. Login cards still work."))
    elif action == "number":
        if not classroom.sign_in_open:
            messages.error(request, _("Sign-in is closed. Open it first: that makes a new number too."))
        else:
            signin.new_number(classroom=classroom)
            messages.success(
                request,
                _("New sign-in number: %(number)s. Show it on the board.") % {"number": classroom.sign_in_number_shown},
            )
    elif action in ("home-on", "home-off"):
        signin.set_home_sign_in(classroom=classroom, allowed=action == "home-on")
        messages.success(request, _("Home sign-in is on.") if action == "home-on" else _("Home sign-in is off."))
    elif action == "clear-alert":
        signin.clear_alert(classroom=classroom)
        messages.success(request, _("Thank you. Home sign-in works again."))
    elif action == "cards-rotate":
        signin.rotate_class_cards(classroom=classroom)
        messages.success(request, _("Every QR code has changed: the old cards no longer work. Print new cards."))
        return redirect("classrooms:login_cards", pk=classroom.pk)
    elif action == "device":
        form = DeviceForm(request.POST)
        label = form.cleaned_data["label"] if form.is_valid() else str(DeviceForm.base_fields["label"].initial)
        was_devices_only = classroom.devices_only
        value = signin.register_device(classroom=classroom, label=label, user=request.user)
        messages.success(request, _("This device now opens %(name)s for pupils.") % {"name": classroom.name})
        if classroom.devices_only and not was_devices_only:
            audit(action="devices_only_on", user=request.user, classroom=classroom, request=request)
            messages.info(
                request,
                _(
                    "From now on pupils sign in with the class list only on this class's devices. Mark the other "
                    "class tablets the same way, or switch this off below."
                ),
            )
        response = redirect(pupils_page)
        response.set_cookie(
            signin.DEVICE_COOKIE,
            value,
            max_age=signin.DEVICE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response
    return _back(request, pupils_page)


@staff_required
def classroom_devices_only(request, pk):
    """ "Sign-in only on this class's devices": the teacher sees the class's devices before switching it on."""
    classroom = classroom_for(request, pk)
    devices = list(classroom.devices.all())
    if request.method == "POST":
        on = request.POST.get("on") == "1"
        if on and not devices:
            messages.error(request, _("This class has no devices yet. Mark a device first."))
        elif on != classroom.devices_only:
            signin.set_devices_only(classroom=classroom, on=on)
            audit(
                action="devices_only_on" if on else "devices_only_off",
                user=request.user,
                classroom=classroom,
                request=request,
            )
            messages.success(
                request,
                _("Pupils now sign in with the class list only on this class's devices.")
                if on
                else _("Pupils can sign in on any device in the room again while sign-in is open."),
            )
        return redirect("classrooms:pupils", pk=classroom.pk)
    return render(request, "classrooms/devices_only.html", {"classroom": classroom, "devices": devices})


@staff_required
@require_POST
def device_revoke(request, pk, device_pk):
    classroom = classroom_for(request, pk)
    signin.revoke_device(classroom=classroom, pk=device_pk)
    messages.success(request, _("That device no longer opens the class."))
    return redirect("classrooms:pupils", pk=classroom.pk)


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
    locked = throttle.pupil_locked(pupil_id=pupil.pk)
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
    elif action == "card":
        signin.rotate_pupil_card(pupil=pupil)
        messages.success(request, _("%(name)s has a new QR code. Print a new card.") % {"name": pupil.display_name})
    elif action == "hand-off":
        url = request.build_absolute_uri(
            reverse("classrooms:pupil_handoff", kwargs={"token": signin.new_handoff(pupil=pupil)})
        )
        qr = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
        context = {"pupil": pupil, "classroom": pupil.classroom, "url": url, "qr": qr}
        return render(request, "classrooms/pupil_handoff.html", context)
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
