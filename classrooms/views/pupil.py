"""A pupil's sign-in: class code, then their name, then the picture or word password; or the card's QR code."""

import time

from django.contrib.auth import authenticate, login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.network import client_address

from .. import passwords, queries
from ..access import active_classroom_or_404, pupil_by_card_or_404
from ..forms import ClassCodeForm, PicturePasswordForm, WordPasswordForm
from ..services import throttle

SIGN_IN_SECONDS = 0.25


@never_cache
def pupil_login(request):
    """Step 1: the class code."""
    if queries.pupil_for(request.user) is not None:
        return redirect("progress:my_lessons")
    form = ClassCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = queries.active_classroom(form.cleaned_data["code"])
        if classroom is not None:
            return redirect("classrooms:pupil_names", code=classroom.code)
        form.add_error("code", _("We could not find that class. Check the code on your card."))
    return render(request, "classrooms/pupil_login.html", {"form": form})


@never_cache
def pupil_names(request, code):
    """Step 2: tap your name. The only page that shows the names of a class."""
    classroom = active_classroom_or_404(code)
    return render(
        request, "classrooms/pupil_names.html", {"classroom": classroom, "pupils": queries.sign_in_names(classroom)}
    )


def _password_form(classroom, data=None):
    return PicturePasswordForm(data) if classroom.uses_pictures else WordPasswordForm(data)


@never_cache
def pupil_password(request, code, pupil_pk):
    """Step 3: the picture or word password. Unknown and wrong names get the same answer, in the same time."""
    classroom = active_classroom_or_404(code)
    pupil = queries.class_pupil(classroom, pupil_pk)
    if pupil is None and request.method != "POST":
        raise Http404
    form = _password_form(classroom, request.POST or None)
    locked = False
    if request.method == "POST":
        started = time.monotonic()
        counters = {
            "classroom_id": classroom.pk,
            "pupil_id": pupil.pk if pupil else None,
            "address": client_address(request),
        }
        locked = throttle.sign_in_locked(**counters)
        if not locked and form.is_valid():
            # An unknown name is authenticated too (and fails), so `user_login_failed` fires for it as well.
            user = authenticate(request, pupil=pupil, password=form.answer())
            if user is not None:
                throttle.clear_pupil_lock(pupil=pupil)
                login(request, user)
                return redirect("progress:my_lessons")
            throttle.record_sign_in_failure(**counters)
            locked = throttle.sign_in_locked(**counters)
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


@never_cache
def pupil_token_login(request, token):
    """The QR code of a young pupil's card: confirm with one tap (a POST, so link previews sign nobody in)."""
    pupil = pupil_by_card_or_404(token)
    if request.method == "POST":
        login(request, authenticate(request, login_token=token))
        return redirect("progress:my_lessons")
    return render(request, "classrooms/pupil_token_login.html", {"pupil": pupil})
