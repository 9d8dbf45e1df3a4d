"""Who may open which classroom screen. Other people's objects answer 404, never 403."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import never_cache

from .models import Classroom, Invitation, Pupil, Role, School
from .queries import pupil_for
from .services.signin import well_formed_token


def staff_required(view):
    """Signed-in staff only (anonymous: to the staff sign-in, settings.LOGIN_URL; pupils: 404). Never stored."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if pupil_for(request.user) is not None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def pupil_required(view):
    """A signed-in pupil only; anyone else goes to the pupil sign-in. Responses are never stored."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        pupil = pupil_for(request.user)
        if pupil is None:
            return redirect("classrooms:pupil_login")
        request.pupil = pupil
        return view(request, *args, **kwargs)

    return wrapper


def classroom_for(request, pk):
    return get_object_or_404(Classroom.objects.for_staff(request.user).select_related("school"), pk=pk)


def pupil_for_staff(request, pk):
    return get_object_or_404(Pupil.objects.for_staff(request.user).select_related("classroom__school"), pk=pk)


def school_for_admin(request, pk):
    """A school the signed-in member of staff runs as school admin."""
    return get_object_or_404(School, pk=pk, memberships__user=request.user, memberships__role=Role.ADMIN)


def invitation_or_404(token):
    return get_object_or_404(Invitation.objects.select_related("school"), token=token)


def active_classroom_or_404(code):
    return get_object_or_404(Classroom.objects.active(), code=code)


def pupil_by_card_or_404(token):
    """The pupil whose login card carries this QR token, in a class that is not archived."""
    if not well_formed_token(token):
        raise Http404
    return get_object_or_404(
        Pupil.objects.select_related("classroom", "user").filter(classroom__archived_at__isnull=True),
        login_token=token,
    )
