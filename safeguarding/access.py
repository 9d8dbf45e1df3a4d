"""Who may open which safeguarding screen. Other people's concerns answer 404, never 403; nothing is cached."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from classrooms.models import Membership, Pupil

from .models import Concern


def staff_only(view):
    """Signed-in staff who belong to a school (anonymous: to the sign-in page; anyone else: 404)."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("classrooms:staff_login"))
        if user.is_pupil or not Membership.objects.filter(user=user).exists():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def pupil_only(view):
    """A signed-in pupil. A pupil whose session ended while writing is told so clearly, never silently dropped."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        pupil = None
        if user.is_authenticated and user.is_pupil:
            pupil = Pupil.objects.select_related("classroom__school").filter(user=user).first()
        if pupil is None:
            if request.method == "POST":
                return render(
                    request,
                    "safeguarding/signed_out.html",
                )
            return redirect("classrooms:pupil_login")
        request.pupil = pupil
        return view(request, *args, **kwargs)

    return wrapper


def concern_for(request, pk, *, managed=False):
    """A concern this member of staff may see (or, with managed=True, manage); anything else is 404."""
    concerns = Concern.objects.managed_by(request.user) if managed else Concern.objects.for_staff(request.user)
    return get_object_or_404(concerns.with_police_report().select_related("school", "pupil"), pk=pk)


def can_manage(user, concern):
    """Designated staff and the school admin run the queue: status, urgency, risk and deletion."""
    return Concern.objects.managed_by(user).filter(pk=concern.pk).exists()
