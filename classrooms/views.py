"""Teacher and pupil screens: thin views over queries.py (reads) and services.py (writes)."""

import time

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import passwords, services
from .access import classroom_for, no_store, pupil_for_staff, staff_required
from .forms import (
    AcceptInvitationForm,
    AddPupilsForm,
    ClassCodeForm,
    ClassroomForm,
    InviteForm,
    PicturePasswordForm,
    RenamePupilForm,
    StaffLoginForm,
    WordPasswordForm,
)
from .models import Classroom, Invitation, Membership, Pupil, School

# ---- staff sign-in ------------------------------------------------------------------------------


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


@no_store
def staff_login(request):
    form = StaffLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email, address = form.cleaned_data["email"], client_address(request)
        if services.staff_locked(email=email, address=address):
            form.add_error(None, _("Too many failed sign-ins. Wait 15 minutes, or reset your password."))
        else:
            user = authenticate(request, email=email, password=form.cleaned_data["password"])
            if user is None:
                services.record_staff_failure(email=email, address=address)
                form.add_error(None, _("That email and password do not match."))
            else:
                services.clear_staff_failures(email=email, address=address)
                login(request, user)
                target = request.GET.get("next", "")
                if target.startswith("/") and not target.startswith("//"):
                    return redirect(target)
                return redirect("classrooms:dashboard")
    return render(request, "classrooms/staff_login.html", {"form": form})


@require_POST
def sign_out(request):
    """Staff and pupils alike: end the session on this (perhaps shared) computer."""
    was_pupil = services.pupil_for(request.user) is not None
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("classrooms:pupil_login" if was_pupil else "classrooms:staff_login")


@no_store
def accept_invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("school"), token=token)
    if not invitation.is_usable:
        return render(request, "classrooms/invitation_used.html", {"invitation": invitation}, status=410)
    if request.user.is_authenticated and request.user.email.lower() != invitation.email.lower():
        # Someone else is signed in on this computer: they must not take this invitation.
        return render(request, "classrooms/accept_invitation.html", {"invitation": invitation, "wrong_user": True})
    signed_in = request.user.is_authenticated
    if not signed_in and get_user_model().objects.filter(email__iexact=invitation.email).exists():
        # An existing account joins after signing in; the link never sets its password.
        login_url = f"{reverse('classrooms:staff_login')}?next={request.path}"
        return render(request, "classrooms/accept_invitation.html", {"invitation": invitation, "login_url": login_url})
    form = None if signed_in else AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (signed_in or form.is_valid()):
        services.accept_invitation(
            invitation=invitation,
            user=request.user if signed_in else None,
            password=None if signed_in else form.cleaned_data["password1"],
        )
        if not signed_in:
            login(request, authenticate(request, email=invitation.email, password=form.cleaned_data["password1"]))
        messages.success(request, _("Welcome to %(school)s.") % {"school": invitation.school.name})
        return redirect("classrooms:dashboard")
    return render(request, "classrooms/accept_invitation.html", {"invitation": invitation, "form": form})


# ---- teacher screens ----------------------------------------------------------------------------


@staff_required
def dashboard(request):
    memberships = list(Membership.objects.filter(user=request.user).select_related("school"))
    classrooms = list(Classroom.objects.for_staff(request.user).select_related("school"))
    form = ClassroomForm(schools=School.objects.filter(memberships__user=request.user))
    return render(
        request,
        "classrooms/dashboard.html",
        {"memberships": memberships, "classrooms": classrooms, "form": form},
    )


@staff_required
def school_detail(request, pk):
    """A school admin's page: invite staff, see who is a member, and the audit log of pupil data."""
    school = get_object_or_404(School, pk=pk, memberships__user=request.user, memberships__role="admin")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invite_staff(
            school=school,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("classrooms:school", pk=school.pk)
    from wagtail.models import ModelLogEntry

    log = ModelLogEntry.objects.filter(action__startswith="classrooms.", data__school=school.pk).select_related("user")[
        :200
    ]
    context = {
        "school": school,
        "form": form,
        "members": school.memberships.select_related("user").order_by("user__email"),
        "pending": school.invitations.filter(accepted_at__isnull=True).order_by("-created_at"),
        "log": log,
    }
    return render(request, "classrooms/school.html", context)


@staff_required
def classroom_create(request):
    form = ClassroomForm(request.POST or None, schools=School.objects.filter(memberships__user=request.user))
    if request.method == "POST" and form.is_valid():
        classroom = services.create_classroom(
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
        added = services.add_pupils(classroom=classroom, names=form.cleaned_data["names"])
        messages.success(request, _("%(count)d pupils added.") % {"count": len(added)})
        return redirect("classrooms:pupils", pk=classroom.pk)
    pupil_list = list(classroom.pupils.all())
    locked = services.locked_pupil_ids(pupil_list)
    for pupil in pupil_list:
        pupil.is_locked = pupil.pk in locked
    services.audit(user=request.user, classroom=classroom, action="view_pupils")
    return render(
        request,
        "classrooms/pupils.html",
        {
            "classroom": classroom,
            "form": form,
            "pupils": pupil_list,
            "class_locked": services.class_locked(classroom),
        },
    )


@staff_required
def login_cards(request, pk):
    classroom = classroom_for(request, pk)
    pupil_list = list(classroom.pupils.all())
    language = get_language()
    for pupil in pupil_list:
        pupil.card_pictures = [(key, passwords.PICTURES[key]) for key in pupil.picture_keys]
        pupil.card_words = pupil.words(language)
        if pupil.login_token:
            url = request.build_absolute_uri(
                reverse("classrooms:pupil_token_login", kwargs={"token": pupil.login_token})
            )
            pupil.qr_uri = segno.make(url, error="m").svg_data_uri(scale=3, border=2)
    services.audit(user=request.user, classroom=classroom, action="print_cards")
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
        services.regenerate_code(classroom=classroom)
        messages.success(
            request, _("The class has a new code: %(code)s. Print new login cards.") % {"code": classroom.code}
        )
    elif action == "archive":
        services.archive_classroom(classroom=classroom, archived=classroom.archived_at is None)
        messages.success(request, _("Class archived.") if classroom.archived_at else _("Class restored."))
    elif action == "qr-on":
        services.enable_qr_sign_in(classroom=classroom)
        messages.success(request, _("The login cards now carry a QR code. Print them again."))
        return redirect("classrooms:login_cards", pk=classroom.pk)
    elif action == "qr-off":
        services.disable_qr_sign_in(classroom=classroom)
        messages.success(request, _("QR codes switched off: the printed QR codes no longer work."))
        return redirect("classrooms:login_cards", pk=classroom.pk)
    elif action == "unlock":
        services.clear_class_lock(classroom=classroom)
        messages.success(request, _("Sign-in for this class is open again."))
        return redirect("classrooms:pupils", pk=classroom.pk)
    else:
        raise Http404
    return redirect("classrooms:classroom_settings", pk=classroom.pk)


@staff_required
def classroom_delete(request, pk):
    classroom = classroom_for(request, pk)
    if request.method == "POST":
        services.audit(user=request.user, classroom=classroom, action="delete_class", name=classroom.name)
        services.delete_classroom(classroom=classroom)
        messages.success(request, _("The class and everything about its pupils have been deleted."))
        return redirect("classrooms:dashboard")
    return render(request, "classrooms/confirm_delete.html", {"classroom": classroom, "object": classroom})


# ---- one pupil (teacher side) -------------------------------------------------------------------


@staff_required
def pupil_detail(request, pk):
    pupil = pupil_for_staff(request, pk)
    form = RenamePupilForm(request.POST or None, pupil=pupil, initial={"name": pupil.display_name})
    if request.method == "POST" and form.is_valid():
        services.rename_pupil(pupil=pupil, name=form.cleaned_data["name"])
        messages.success(request, _("Name changed."))
        return redirect("classrooms:pupils", pk=pupil.classroom_id)
    locked = pupil.pk in services.locked_pupil_ids([pupil])
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
        services.reset_pupil_password(pupil=pupil)
        messages.success(request, _("%(name)s has a new password. Print a new card.") % {"name": pupil.display_name})
    elif action == "unlock":
        services.clear_pupil_lock(pupil=pupil)
        messages.success(request, _("%(name)s can sign in again.") % {"name": pupil.display_name})
    else:
        raise Http404
    return redirect("classrooms:pupils", pk=pupil.classroom_id)


@staff_required
def pupil_delete(request, pk):
    pupil = pupil_for_staff(request, pk)
    if request.method == "POST":
        services.audit(user=request.user, classroom=pupil.classroom, action="delete_pupil")
        services.delete_pupil(pupil=pupil)
        messages.success(request, _("The pupil and their work have been deleted."))
        return redirect("classrooms:pupils", pk=pupil.classroom_id)
    return render(request, "classrooms/confirm_delete.html", {"classroom": pupil.classroom, "object": pupil})


# ---- pupil sign-in and pupil screens ------------------------------------------------------------


@no_store
def pupil_login(request):
    """Step 1: the class code."""
    if services.pupil_for(request.user) is not None:
        return redirect("progress:my_lessons")
    form = ClassCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = Classroom.objects.active().filter(code=form.cleaned_data["code"]).first()
        if classroom is not None:
            return redirect("classrooms:pupil_names", code=classroom.code)
        form.add_error("code", _("We could not find that class. Check the code on your card."))
    return render(request, "classrooms/pupil_login.html", {"form": form})


@no_store
def pupil_names(request, code):
    """Step 2: tap your name. The only page that shows the names of a class."""
    classroom = get_object_or_404(Classroom.objects.active(), code=code)
    return render(
        request,
        "classrooms/pupil_names.html",
        {"classroom": classroom, "pupils": classroom.pupils.only("pk", "display_name", "classroom_id")},
    )


def _password_form(classroom, data=None):
    return PicturePasswordForm(data) if classroom.uses_pictures else WordPasswordForm(data)


SIGN_IN_SECONDS = 0.25


@no_store
def pupil_password(request, code, pupil_pk):
    """Step 3: the picture or word password. Unknown and wrong names get the same answer, in the same time."""
    classroom = get_object_or_404(Classroom.objects.active(), code=code)
    pupil = Pupil.objects.filter(classroom=classroom, pk=pupil_pk).first()
    if pupil is None and request.method != "POST":
        raise Http404
    form = _password_form(classroom, request.POST or None)
    locked = False
    if request.method == "POST":
        started = time.monotonic()
        address = client_address(request)
        pupil_id = pupil.pk if pupil else None
        locked = services.sign_in_locked(classroom_id=classroom.pk, pupil_id=pupil_id, address=address)
        if not locked and form.is_valid():
            user = authenticate(request, pupil=pupil, answer=form.answer()) if pupil is not None else None
            if user is not None:
                services.clear_pupil_lock(pupil=pupil)
                login(request, user)
                return redirect("progress:my_lessons")
            services.record_sign_in_failure(classroom_id=classroom.pk, pupil_id=pupil_id, address=address)
            locked = services.sign_in_locked(classroom_id=classroom.pk, pupil_id=pupil_id, address=address)
            if not locked:
                form.add_error(None, _("That is not your password. Look at your card and try again."))
        # Answer in the same time whether the name was known or the password wrong.
        time.sleep(max(0.0, SIGN_IN_SECONDS - (time.monotonic() - started)))
    context = {
        "classroom": classroom,
        "pupil": pupil,
        "form": form,
        "locked": locked,
        "pictures": list(passwords.PICTURES.items()),
        "chosen": request.POST.getlist("pictures") if request.method == "POST" else [],
    }
    return render(request, "classrooms/pupil_password.html", context, status=429 if locked else 200)


@no_store
def pupil_token_login(request, token):
    """The QR code of a young pupil's card: confirm with one tap (a POST, so link previews sign nobody in)."""
    pupil = get_object_or_404(
        Pupil.objects.select_related("classroom", "user").filter(classroom__archived_at__isnull=True),
        login_token=token,
    )
    if request.method == "POST":
        login(request, authenticate(request, login_token=token))
        return redirect("progress:my_lessons")
    return render(request, "classrooms/pupil_token_login.html", {"pupil": pupil})
