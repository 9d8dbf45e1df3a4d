"""Who may open which classroom screen. Other people's objects answer 404, never 403."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .models import Classroom, Pupil
from .services import pupil_for


def _no_store(response):
    add_never_cache_headers(response)
    return response


def staff_required(view):
    """Signed-in staff only (anonymous: to the sign-in page; pupils: 404). Responses are never stored."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("classrooms:staff_login"))
        if pupil_for(request.user) is not None:
            raise Http404
        return _no_store(view(request, *args, **kwargs))

    return wrapper


def pupil_required(view):
    """A signed-in pupil only; anyone else goes to the pupil sign-in. Responses are never stored."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        pupil = pupil_for(request.user)
        if pupil is None:
            return redirect("classrooms:pupil_login")
        request.pupil = pupil
        return _no_store(view(request, *args, **kwargs))

    return wrapper


def no_store(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return _no_store(view(request, *args, **kwargs))

    return wrapper


def classroom_for(request, pk):
    return get_object_or_404(Classroom.objects.for_staff(request.user).select_related("school"), pk=pk)


def pupil_for_staff(request, pk):
    return get_object_or_404(Pupil.objects.for_staff(request.user).select_related("classroom__school"), pk=pk)
