"""Staff sign-in and sign-out, invitations and password reset: Django's auth views with our templates."""

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts import mfa, sessions, throttle
from core.network import client_address

from .. import queries
from ..access import invitation_or_404, staff_required
from ..forms import (
    AcceptInvitationForm,
    ConfirmIdentityForm,
    SecondFactorForm,
    StaffAuthenticationForm,
    StaffPasswordResetForm,
)
from ..services import staff

RESETS_PER_EMAIL = 3
RESETS_PER_CLIENT = 10
SECOND_FACTOR_TRIES = 10


class StaffLoginView(auth_views.LoginView):
    """Email and password; `next` is followed only within this site, else to the staff's classes."""

    template_name = "classrooms/staff_login.html"
    authentication_form = StaffAuthenticationForm
    next_page = "classrooms:dashboard"


staff_login = StaffLoginView.as_view()


@staff_required
@sensitive_post_parameters("password")
def confirm_identity(request):
    """ "Confirm it's you": the password again before login cards, exports, deletions and access changes."""
    form = ConfirmIdentityForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        sessions.confirm(request)
        return redirect(sessions.safe_next(request, request.GET.get("next", "")) or "classrooms:dashboard")
    return render(request, "classrooms/confirm_identity.html", {"form": form})


@staff_required
@mfa.exempt
@sensitive_post_parameters("code")
def second_factor(request):
    """The code from the authenticator app (or a recovery code) after the password."""
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.allow(f"otp:{request.user.pk}", limit=SECOND_FACTOR_TRIES, seconds=15 * 60):
            form.add_error("code", _("Too many tries. Wait 15 minutes."))
        elif mfa.verify(request, form.cleaned_data["code"]):
            sessions.confirm(request)
            return redirect(sessions.safe_next(request, request.GET.get("next", "")) or "classrooms:dashboard")
        else:
            form.add_error("code", _("That code does not match. Try the newest one from your app."))
    return render(request, "classrooms/second_factor.html", {"form": form})


@staff_required
@mfa.exempt
@sensitive_post_parameters("code")
def second_factor_enrol(request):
    """Scan the QR code with an authenticator app, type its first code; the recovery codes are shown once."""
    if mfa.enrolled(request.user) and not request.user.is_verified():
        return redirect("classrooms:second_factor")
    if mfa.enrolled(request.user):
        return render(request, "classrooms/second_factor_enrol.html", {"enrolled": True})
    device = mfa.pending_device(request.user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.confirm_enrolment(request, device=device, token=form.cleaned_data["code"])
        if codes is not None:
            sessions.confirm(request)
            return render(request, "classrooms/second_factor_enrol.html", {"codes": codes})
        form.add_error("code", _("That code does not match. Try the newest one from your app."))
    context = {
        "form": form,
        "qr": mfa.qr_svg(device),
        "secret": mfa.readable_secret(device),
        "required": mfa.required(request.user),
    }
    return render(request, "classrooms/second_factor_enrol.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Staff change their own password (the old one first); their other sessions end, this one stays."""

    template_name = "classrooms/password_change.html"
    success_url = reverse_lazy("classrooms:dashboard")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


password_change = staff_required(PasswordChangeView.as_view())


@mfa.exempt
@require_POST
def sign_out(request):
    """Staff and pupils alike: end the session on this (perhaps shared) computer."""
    was_pupil = queries.pupil_for(request.user) is not None
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("classrooms:pupil_login" if was_pupil else "classrooms:staff_login")


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, token):
    invitation = invitation_or_404(token)
    if not invitation.is_usable:
        return render(request, "classrooms/invitation_used.html", {"invitation": invitation}, status=410)
    if request.user.is_authenticated and request.user.email.lower() != invitation.email.lower():
        # Someone else is signed in on this computer: they must not take this invitation.
        return render(request, "classrooms/accept_invitation.html", {"invitation": invitation, "wrong_user": True})
    signed_in = request.user.is_authenticated
    if not signed_in and queries.account_exists(invitation.email):
        # An existing account joins after signing in; the link never sets its password.
        login_url = f"{reverse('classrooms:staff_login')}?next={request.path}"
        return render(request, "classrooms/accept_invitation.html", {"invitation": invitation, "login_url": login_url})
    form = None if signed_in else AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (signed_in or form.is_valid()):
        staff.accept_invitation(
            invitation=invitation,
            user=request.user if signed_in else None,
            password=None if signed_in else form.cleaned_data["password1"],
        )
        if not signed_in:
            login(request, authenticate(request, email=invitation.email, password=form.cleaned_data["password1"]))
        messages.success(request, _("Welcome to %(school)s.") % {"school": invitation.school.name})
        return redirect("classrooms:dashboard")
    return render(request, "classrooms/accept_invitation.html", {"invitation": invitation, "form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link. Past the limits (per address asked for, per client) no email goes out, and the
    answer is the same "sent" page, so the form can neither flood a mailbox nor reveal who has an account."""

    template_name = "classrooms/password_reset.html"
    form_class = StaffPasswordResetForm  # the task worker writes and sends the email (classrooms/tasks.py)
    success_url = reverse_lazy("classrooms:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        per_email = throttle.allow(f"reset:{email}", limit=RESETS_PER_EMAIL, seconds=60 * 60)
        per_client = throttle.allow(
            f"reset-from:{client_address(self.request)}", limit=RESETS_PER_CLIENT, seconds=60 * 60
        )
        if per_email and per_client:
            return super().form_valid(form)
        return redirect(self.success_url)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password from the emailed link also lifts any sign-in lock on the account (and, as any new
    password does, ends its other sessions)."""

    template_name = "classrooms/password_reset_confirm.html"
    success_url = reverse_lazy("classrooms:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.clear(account=throttle.account_key(user=form.user))
        return response


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="classrooms/password_reset_done.html")
password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="classrooms/password_reset_complete.html"
)
