"""A pupil's sign-in: class code, then their name, then the picture or word password; or the card's QR code.

Names and passwords work only while the teacher has the class's sign-in window open, from the room (the
network it was opened from with the window's sign-in number, or a class device); cards and the teacher's one-time
links work at any time.
Unknown codes, closed classes and other people's pupils all get the same answers."""

import time

from django.contrib.auth import authenticate, login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.network import client_address

from .. import passwords, queries
from ..access import pupil_by_card_or_404
from ..forms import ClassCodeForm, HomeSignInForm, PicturePasswordForm, SignInNumberForm, WordPasswordForm
from ..models import CODE_ALPHABET
from ..services import signin, throttle

SIGN_IN_SECONDS = 0.25


def _device(request):
    return signin.device_from_cookie(request.COOKIES.get(signin.DEVICE_COOKIE))


def _state(request, classroom, address):
    numbers = signin.remembered_numbers(request.COOKIES.get(signin.NUMBER_COOKIE))
    return signin.sign_in_state(classroom, address=address, device=_device(request), numbers=numbers)


def _sign_in(request, user):
    login(request, user)
    signin.mark_signed_in(request.session)
    return redirect("progress:my_lessons")


def _closed(request, classroom=None, *, status=200, state=signin.CLOSED):
    """ "Ask your teacher to open sign-in": the same page for an unknown code and a closed class. In the room, on
    a device that is not one of a "class devices only" class's, the page says to ask the teacher for one."""
    home = classroom is not None and classroom.home_sign_in_allowed
    context = {
        "classroom": classroom if home else None,
        "form": HomeSignInForm() if home else None,
        "not_a_class_device": state == signin.NOT_A_CLASS_DEVICE,
        "number_closed": state == signin.NUMBER_CLOSED,
    }
    return render(request, "classrooms/pupil_closed.html", context, status=status)


def _too_many(request):
    return render(request, "classrooms/pupil_closed.html", {"too_many": True}, status=429)


def _find_class(request, code):
    """The active class with this code, or None; unknown codes count against the address and the site."""
    classroom = queries.active_classroom(code)
    if classroom is None:
        throttle.record_code_miss(address=client_address(request))
    return classroom


@never_cache
def pupil_login(request):
    """Step 1: the class code (on a class device, the class itself)."""
    if queries.pupil_for(request.user) is not None:
        return redirect("progress:my_lessons")
    device = _device(request)
    if device is not None and request.method != "POST":
        return redirect("classrooms:pupil_names", code=device.classroom.code)
    form = ClassCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if throttle.code_guessing_locked(address=client_address(request)):
            return _too_many(request)
        code = form.cleaned_data["code"]
        if not set(code) <= set(CODE_ALPHABET):
            # No class has this code (an O, a 0, a Chinese character…): the same answer as any unknown code.
            throttle.record_code_miss(address=client_address(request))
            return _closed(request)
        # Known or not, open or closed: the next page answers, the same way for all of them.
        return redirect("classrooms:pupil_names", code=code)
    return render(request, "classrooms/pupil_login.html", {"form": form})


def _class_and_state(request, code):
    """(the active class with this code, its sign-in state for this request, None), or (None, None, the page
    to answer instead) while this address is guessing codes or no such class is open to it."""
    address = client_address(request)
    if throttle.code_guessing_locked(address=address):
        return None, None, _too_many(request)
    classroom = _find_class(request, code)
    if classroom is None:
        return None, None, _closed(request)
    return classroom, _state(request, classroom, address), None


@never_cache
def pupil_names(request, code):
    """Step 2: tap your name. The only page that shows the names of a class, and only while sign-in is open."""
    classroom, state, refusal = _class_and_state(request, code)
    if refusal is not None:
        return refusal
    if state == signin.NEEDS_NUMBER:
        return redirect("classrooms:pupil_number", code=classroom.code)
    if state != signin.OPEN:
        return _closed(request, classroom, state=state)
    return render(
        request, "classrooms/pupil_names.html", {"classroom": classroom, "pupils": queries.sign_in_names(classroom)}
    )


@never_cache
def pupil_number(request, code):
    """Step 2 on a tablet or computer in the room that is not a class device: the sign-in number on the board.

    The right number is remembered in a signed cookie for the rest of the number's period, so the next pupil on a
    shared tablet goes straight to the class list. Wrong numbers count per class; the fifth closes the number until
    the teacher makes a new one. Nobody is locked and no name is shown before the right number."""
    classroom, state, refusal = _class_and_state(request, code)
    if refusal is not None:
        return refusal
    if state == signin.OPEN:
        return redirect("classrooms:pupil_names", code=classroom.code)
    if state != signin.NEEDS_NUMBER:
        return _closed(request, classroom, state=state)
    form = SignInNumberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = signin.check_number(classroom=classroom, number=form.cleaned_data["number"])
        if result == signin.RIGHT:
            response = redirect("classrooms:pupil_names", code=classroom.code)
            response.set_cookie(
                signin.NUMBER_COOKIE,
                signin.remember_number(request.COOKIES.get(signin.NUMBER_COOKIE), classroom=classroom),
                max_age=signin.NUMBER_COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
        if result == signin.NOW_CLOSED:
            return _closed(request, classroom, state=signin.NUMBER_CLOSED)
        form.add_error("number", _("That is not the number on the board. Look again and try once more."))
    return render(request, "classrooms/pupil_number.html", {"classroom": classroom, "form": form})


def _password_form(classroom, data=None):
    return PicturePasswordForm(data) if classroom.uses_pictures else WordPasswordForm(data)


def _check_password(request, classroom, pupil, form, *, window_open):
    """Authenticate a valid form; count a failure against the pupil (and the class while closed).

    Returns (user or None, locked)."""
    started = time.monotonic()
    locked = pupil is not None and throttle.pupil_locked(pupil_id=pupil.pk)
    user = None
    if not locked and form.is_valid():
        # An unknown name is authenticated too (and fails), so `user_login_failed` fires for it as well.
        user = authenticate(request, pupil=pupil, password=form.answer())
        if user is None:
            if pupil is not None:
                locked = throttle.record_pupil_failure(pupil_id=pupil.pk) is not None
            if not window_open and throttle.record_closed_failure(classroom_id=classroom.pk):
                signin.raise_alert(classroom=classroom)
            if not locked:
                form.add_error(None, _("That is not your password. Look at your card and try again."))
    # Answer in the same time whether the name was known or the password wrong.
    time.sleep(max(0.0, SIGN_IN_SECONDS - (time.monotonic() - started)))
    return user, locked


@never_cache
def pupil_password(request, code, pupil_pk):
    """Step 3: the picture or word password. Unknown and wrong names get the same answer, in the same time."""
    classroom, state, refusal = _class_and_state(request, code)
    if refusal is not None:
        return refusal
    window_open = state == signin.OPEN
    if state == signin.NEEDS_NUMBER:  # a password posted without the number is not looked at either
        return redirect("classrooms:pupil_number", code=classroom.code)
    if state in (signin.NOT_A_CLASS_DEVICE, signin.NUMBER_CLOSED) or (
        not window_open and not classroom.home_sign_in_allowed
    ):
        # Refused before any password is looked at: nothing counts against the pupil or the class.
        return _closed(request, classroom, state=state)
    pupil = queries.class_pupil(classroom, pupil_pk)
    if pupil is None and request.method != "POST":
        raise Http404
    form = _password_form(classroom, request.POST if request.method == "POST" else None)
    locked = False
    if request.method == "POST":
        user, locked = _check_password(request, classroom, pupil, form, window_open=window_open)
        if user is not None:
            return _sign_in(request, user)
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
def pupil_home_sign_in(request, code):
    """Grades 4–9 at home, when the teacher allows it: name and two words typed, no class list shown."""
    if request.method != "POST":
        return redirect("classrooms:pupil_names", code=code)
    address = client_address(request)
    if throttle.code_guessing_locked(address=address):
        return _too_many(request)
    classroom = _find_class(request, code)
    if classroom is None or not classroom.home_sign_in_allowed:
        return _closed(request, classroom)
    form = HomeSignInForm(request.POST)
    # The name as the form cleaned it (no NUL bytes, at most 40 characters); a bad name is an unknown pupil.
    name = form.cleaned_data.get("name", "") if form.is_valid() else ""
    pupil = queries.class_pupil_named(classroom, name)
    user, locked = _check_password(request, classroom, pupil, form, window_open=False)
    if user is not None:
        return _sign_in(request, user)
    context = {"classroom": classroom, "form": form, "locked": locked}
    return render(request, "classrooms/pupil_closed.html", context, status=429 if locked else 200)


@never_cache
def pupil_token_login(request, token):
    """The QR code of a pupil's card: confirm with one tap (a POST, so link previews sign nobody in)."""
    pupil = pupil_by_card_or_404(token)
    if request.method == "POST":
        user = authenticate(request, login_token=token)
        if user is None:
            raise Http404
        return _sign_in(request, user)
    return render(request, "classrooms/pupil_token_login.html", {"pupil": pupil})


@never_cache
def pupil_handoff(request, token):
    """The teacher's one-time link for one pupil on this device: a tap signs them in, once, within 10 minutes."""
    pupil = queries.active_pupil(signin.handoff_pupil(token))
    if pupil is None:
        return render(request, "classrooms/pupil_closed.html", {"link_used": True}, status=404)
    if request.method == "POST":
        user = authenticate(request, handoff_token=token)
        if user is None:
            return render(request, "classrooms/pupil_closed.html", {"link_used": True}, status=404)
        return _sign_in(request, user)
    return render(request, "classrooms/pupil_token_login.html", {"pupil": pupil})
