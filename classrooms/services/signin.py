"""The class sign-in window, classroom devices, pupils' card tokens and sessions, and the teacher's hand-off.

Pupils' sessions end at once when their password or card changes, when their class is archived or when
they are deleted (accounts.User.session_version); every pupil session also ends PUPIL_SESSION_HOURS after
sign-in (classrooms.middleware)."""

import re
import secrets
import time
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from ..models import ClassroomDevice, Pupil, new_token
from . import throttle

DEFAULT_WINDOW_MINUTES = 60
MAX_WINDOW_MINUTES = 4 * 60
EXTEND_MINUTES = 30
DEVICE_COOKIE = "classroom_device"
DEVICE_SALT = "classrooms.device"
DEVICE_MAX_AGE = 400 * 24 * 60 * 60
HANDOFF_SECONDS = 10 * 60
SIGNED_IN_AT = "pupil_signed_in_at"


# ---- the window ---------------------------------------------------------------------------------


def open_sign_in(*, classroom, address, minutes=DEFAULT_WINDOW_MINUTES):
    """Open (or re-open) the class's sign-in from the teacher's network for `minutes` with a new sign-in number;
    clears the alert."""
    minutes = max(1, min(int(minutes), MAX_WINDOW_MINUTES))
    classroom.sign_in_until = timezone.now() + timedelta(minutes=minutes)
    classroom.sign_in_address = address
    classroom.sign_in_alert_at = None
    _set_number(classroom)
    classroom.save(update_fields=["sign_in_until", "sign_in_address", "sign_in_alert_at", *NUMBER_FIELDS])
    throttle.clear_closed_failures(classroom_id=classroom.pk)


def extend_sign_in(*, classroom, minutes=EXTEND_MINUTES):
    start = max(classroom.sign_in_until or timezone.now(), timezone.now())
    latest = timezone.now() + timedelta(minutes=MAX_WINDOW_MINUTES)
    classroom.sign_in_until = min(start + timedelta(minutes=minutes), latest)
    classroom.save(update_fields=["sign_in_until"])


def close_sign_in(*, classroom):
    """Close the window; its sign-in number ends with it."""
    classroom.sign_in_until = None
    classroom.sign_in_number = ""
    classroom.sign_in_number_at = classroom.sign_in_number_closed_at = None
    classroom.save(update_fields=["sign_in_until", *NUMBER_FIELDS])


def set_home_sign_in(*, classroom, allowed):
    classroom.home_sign_in = allowed
    classroom.save(update_fields=["home_sign_in"])


def raise_alert(*, classroom):
    """Unusually many wrong passwords while sign-in was closed: home sign-in stops and the dashboard says so."""
    if classroom.sign_in_alert_at is None:
        classroom.sign_in_alert_at = timezone.now()
        classroom.save(update_fields=["sign_in_alert_at"])


def clear_alert(*, classroom):
    classroom.sign_in_alert_at = None
    classroom.save(update_fields=["sign_in_alert_at"])
    throttle.clear_closed_failures(classroom_id=classroom.pk)


# ---- the sign-in number -------------------------------------------------------------------------
#
# On the room's network, a browser that is not one of the class's devices must also give the window's sign-in
# number, which the teacher shows on the board. The right number is remembered in a signed cookie for the rest of
# that number's period (the next pupil on a shared tablet does not type it again); WRONG_NUMBER_LIMIT wrong numbers
# close the number until the teacher makes a new one. Nobody is locked for a wrong number.

NUMBER_FIELDS = ["sign_in_number", "sign_in_number_at", "sign_in_number_closed_at"]
NUMBER_DIGITS = 6
NUMBER_COOKIE = "classroom_number"
NUMBER_SALT = "classrooms.number"
NUMBER_COOKIE_MAX_AGE = MAX_WINDOW_MINUTES * 60
NUMBER_COOKIE_CLASSES = 4  # a shared tablet remembers the numbers of at most this many classes at once
# What a child may type around the digits: spaces (an IME's wide space too) and dashes. Wide digits (４８２) become
# ASCII by NFKC first.
NUMBER_SEPARATORS = re.compile(r"[\s\-‐‑–—]+")


def _set_number(classroom):
    classroom.sign_in_number = f"{secrets.randbelow(10**NUMBER_DIGITS):0{NUMBER_DIGITS}d}"
    classroom.sign_in_number_at = timezone.now()
    classroom.sign_in_number_closed_at = None


def new_number(*, classroom):
    """A new sign-in number for the open window (after wrong numbers closed the old one); the window's end stays."""
    _set_number(classroom)
    classroom.save(update_fields=NUMBER_FIELDS)


def _number_period(classroom):
    """Tells one number of a class from the next (the counters and the cookie are bound to it)."""
    return int(classroom.sign_in_number_at.timestamp() * 1_000_000) if classroom.sign_in_number_at else 0


def _number_key(classroom):
    """What the cookie keeps for a class: bound to the class, its number and when the number was made; not the
    number itself."""
    value = f"{classroom.pk}:{classroom.sign_in_number}:{_number_period(classroom)}"
    return salted_hmac(NUMBER_SALT, value, algorithm="sha256").hexdigest()[:32]


def clean_number(text):
    """The digits a pupil typed ("482 913", "482-913", "４８２９１３" all become "482913"), or None if that is not
    six digits. Never raises."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    digits = NUMBER_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    return digits if len(digits) == NUMBER_DIGITS and digits.isascii() and digits.isdigit() else None


# Results of check_number.
RIGHT, WRONG, NOW_CLOSED = "right", "wrong", "closed"


def check_number(*, classroom, number):
    """Compare a well-formed number with the class's. Every comparison holds one of the number's
    WRONG_NUMBER_LIMIT slots (throttle.hold_number_try); a wrong number keeps it, and the one that takes the last
    slot closes the number for this window (NOW_CLOSED). A closed number is never right."""
    if not classroom.sign_in_number_usable:
        return NOW_CLOSED
    held = throttle.hold_number_try(classroom_id=classroom.pk, period=_number_period(classroom))
    if held is None:
        _close_number(classroom)
        return NOW_CLOSED
    slot_number, slot = held
    if secrets.compare_digest(number, classroom.sign_in_number):
        throttle.release_number_try(slot)
        return RIGHT
    if slot_number >= throttle.WRONG_NUMBER_LIMIT:
        _close_number(classroom)
        return NOW_CLOSED
    return WRONG


def _close_number(classroom):
    """Only the first of parallel requests writes the time; the number is closed either way."""
    now = timezone.now()
    type(classroom).objects.filter(pk=classroom.pk, sign_in_number_closed_at__isnull=True).update(
        sign_in_number_closed_at=now
    )
    classroom.sign_in_number_closed_at = now


def remembered_numbers(value):
    """{class id: key} from the signed number cookie; {} if it is missing, tampered with or too old."""
    if not value:
        return {}
    try:
        numbers = signing.loads(value, salt=NUMBER_SALT, max_age=NUMBER_COOKIE_MAX_AGE)
    except signing.BadSignature:
        return {}
    if not isinstance(numbers, dict):
        return {}
    return {key: number for key, number in numbers.items() if isinstance(key, str) and isinstance(number, str)}


def remember_number(value, *, classroom):
    """The new value of the number cookie: this class's current number added to the ones the browser has."""
    numbers = remembered_numbers(value)
    numbers.pop(str(classroom.pk), None)
    numbers[str(classroom.pk)] = _number_key(classroom)
    kept = dict(list(numbers.items())[-NUMBER_COOKIE_CLASSES:])
    return signing.dumps(kept, salt=NUMBER_SALT)


def knows_number(classroom, numbers):
    """True if the browser gave this class's current number (a number of an earlier window never matches)."""
    remembered = numbers.get(str(classroom.pk))
    return (
        bool(classroom.sign_in_number)
        and remembered is not None
        and constant_time_compare(remembered, _number_key(classroom))
    )


# Where a request stands with the class's sign-in: the class list and passwords work (OPEN), not at all (CLOSED:
# the same answer as an unknown code), the class is open in this room but only on its own devices
# (NOT_A_CLASS_DEVICE: "ask your teacher", said only to the room's own network), this browser must first give the
# sign-in number (NEEDS_NUMBER), or the number was closed after wrong tries (NUMBER_CLOSED: "ask your teacher").
OPEN, CLOSED, NOT_A_CLASS_DEVICE = "open", "closed", "not-a-class-device"
NEEDS_NUMBER, NUMBER_CLOSED = "needs-number", "number-closed"


def sign_in_state(classroom, *, address, device, numbers=None):
    """OPEN only while the window is open and the request comes from the room: a class device, or, unless the
    class allows its devices only, the network the teacher opened sign-in from together with the sign-in number
    (`numbers`: what the browser's number cookie holds)."""
    if classroom.archived_at is not None or not classroom.sign_in_open:
        return CLOSED
    if device is not None and device.classroom_id == classroom.pk:
        return OPEN
    same_network = bool(address) and address == classroom.sign_in_address
    if not same_network:
        return CLOSED
    if classroom.devices_only:
        return NOT_A_CLASS_DEVICE
    if knows_number(classroom, numbers or {}):
        return OPEN
    return NEEDS_NUMBER if classroom.sign_in_number_usable else NUMBER_CLOSED


def set_devices_only(*, classroom, on):
    """Picture (and word) sign-in only on the class's devices, or also from the room's network."""
    classroom.devices_only = on
    classroom.save(update_fields=["devices_only"])


# ---- classroom devices --------------------------------------------------------------------------


@transaction.atomic
def register_device(*, classroom, label, user):
    """Mark a device as one of the class's; returns the value of its signed cookie.

    The class's first device also switches "sign-in only on class devices" on: a teacher who marks the class's
    tablets wants pupils to sign in on them (the class page says so and can switch it off)."""
    first = not classroom.devices.exists()
    device = ClassroomDevice.objects.create(classroom=classroom, label=label, created_by=user)
    if first and not classroom.devices_only:
        set_devices_only(classroom=classroom, on=True)
    return signing.dumps(device.pk, salt=DEVICE_SALT)


def device_from_cookie(value):
    """The classroom device of a signed cookie, or None (missing, tampered, too old, revoked or archived)."""
    if not value:
        return None
    try:
        pk = signing.loads(value, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        ClassroomDevice.objects.select_related("classroom").filter(pk=pk, classroom__archived_at__isnull=True).first()
    )


def revoke_device(*, classroom, pk):
    ClassroomDevice.objects.filter(classroom=classroom, pk=pk).delete()


# ---- tokens and sessions ------------------------------------------------------------------------


def end_class_sessions(*, classroom):
    """Sign every pupil of the class out on every device."""
    get_user_model().objects.filter(pupil__classroom=classroom).update(session_version=F("session_version") + 1)


def rotate_pupil_card(*, pupil):
    """A new QR/link token for one pupil: the old card stops working and the pupil's sessions end."""
    pupil.login_token = new_token()
    pupil.save(update_fields=["login_token"])
    pupil.user.end_sessions()


def rotate_class_cards(*, classroom):
    """New QR/link tokens for every pupil of the class that has one; their old cards and sessions end."""
    pupils = list(classroom.pupils.exclude(login_token=""))
    for pupil in pupils:
        pupil.login_token = new_token()
    Pupil.objects.bulk_update(pupils, ["login_token"])
    end_class_sessions(classroom=classroom)


def mark_signed_in(session):
    """Remember when a pupil signed in: the session ends PUPIL_SESSION_HOURS later however busy it was."""
    session[SIGNED_IN_AT] = int(time.time())


def session_expired(session):
    started = session.get(SIGNED_IN_AT)
    return started is not None and time.time() - started > settings.PUPIL_SESSION_HOURS * 60 * 60


# ---- the teacher signs a pupil in on a device ---------------------------------------------------


# Card tokens (token_urlsafe(32)) and hand-off tokens (token_urlsafe(24)) look like this; anything else (a NUL
# byte, a 10,000-character string) is unknown without asking the database or the cache, which may refuse it.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def well_formed_token(token):
    return isinstance(token, str) and TOKEN_PATTERN.fullmatch(token) is not None


def new_handoff(*, pupil):
    """A one-time link (10 minutes) that signs this pupil in on the device that opens it."""
    token = secrets.token_urlsafe(24)
    cache.set(f"signin:handoff:{token}", pupil.pk, HANDOFF_SECONDS)
    return token


def handoff_pupil(token):
    """The pupil of an unused hand-off token, or None; never takes the token."""
    return cache.get(f"signin:handoff:{token}") if well_formed_token(token) else None


def take_handoff(token):
    """Use a hand-off token once: the pupil's id, or None if it is unknown, used or expired."""
    if not well_formed_token(token):
        return None
    key = f"signin:handoff:{token}"
    pupil_id = cache.get(key)
    if pupil_id is None or not cache.delete(key):
        return None
    return pupil_id
