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

from .. import queries
from ..access import invitation_or_404
from ..forms import AcceptInvitationForm, StaffAuthenticationForm
from ..services import staff


class StaffLoginView(auth_views.LoginView):
    """Email and password; `next` is followed only within this site, else to the staff's classes."""

    template_name = "classrooms/staff_login.html"
    authentication_form = StaffAuthenticationForm
    next_page = "classrooms:dashboard"


staff_login = StaffLoginView.as_view()


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


password_reset = auth_views.PasswordResetView.as_view(
    template_name="classrooms/password_reset.html",
    email_template_name="classrooms/email/password_reset.txt",
    subject_template_name="classrooms/email/password_reset_subject.txt",
    success_url=reverse_lazy("classrooms:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="classrooms/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="classrooms/password_reset_confirm.html",
    success_url=reverse_lazy("classrooms:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="classrooms/password_reset_complete.html"
)
