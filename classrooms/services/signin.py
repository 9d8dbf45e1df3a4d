"""The class sign-in window, classroom devices, pupils' card tokens and sessions, and the teacher's hand-off.

Pupils' sessions end at once when their password or card changes, when their class is archived or when
they are deleted (accounts.User.session_version); every pupil session also ends PUPIL_SESSION_HOURS after
sign-in (classrooms.middleware)."""

import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

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
    """Open (or re-open) the class's sign-in from the teacher's network for `minutes`; clears the alert."""
    minutes = max(1, min(int(minutes), MAX_WINDOW_MINUTES))
    classroom.sign_in_until = timezone.now() + timedelta(minutes=minutes)
    classroom.sign_in_address = address
    classroom.sign_in_alert_at = None
    classroom.save(update_fields=["sign_in_until", "sign_in_address", "sign_in_alert_at"])
    throttle.clear_closed_failures(classroom_id=classroom.pk)


def extend_sign_in(*, classroom, minutes=EXTEND_MINUTES):
    start = max(classroom.sign_in_until or timezone.now(), timezone.now())
    latest = timezone.now() + timedelta(minutes=MAX_WINDOW_MINUTES)
    classroom.sign_in_until = min(start + timedelta(minutes=minutes), latest)
    classroom.save(update_fields=["sign_in_until"])


def close_sign_in(*, classroom):
    classroom.sign_in_until = None
    classroom.save(update_fields=["sign_in_until"])


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


def in_the_room(classroom, *, address, device):
    """Whether a request comes from where the teacher opened sign-in: the same network, or a class device."""
    if device is not None and device.classroom_id == classroom.pk:
        return True
    return bool(address) and address == classroom.sign_in_address


def names_shown(classroom, *, address, device):
    return (
        classroom.archived_at is None
        and classroom.sign_in_open
        and in_the_room(classroom, address=address, device=device)
    )


# ---- classroom devices --------------------------------------------------------------------------


def register_device(*, classroom, label, user):
    """Mark a device as one of the class's; returns the value of its signed cookie."""
    device = ClassroomDevice.objects.create(classroom=classroom, label=label, created_by=user)
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


def new_handoff(*, pupil):
    """A one-time link (10 minutes) that signs this pupil in on the device that opens it."""
    token = secrets.token_urlsafe(24)
    cache.set(f"signin:handoff:{token}", pupil.pk, HANDOFF_SECONDS)
    return token


def handoff_pupil(token):
    """The pupil of an unused hand-off token, or None; never takes the token."""
    return cache.get(f"signin:handoff:{token}") if token else None


def take_handoff(token):
    """Use a hand-off token once: the pupil's id, or None if it is unknown, used or expired."""
    key = f"signin:handoff:{token}"
    pupil_id = cache.get(key)
    if pupil_id is None or not cache.delete(key):
        return None
    return pupil_id
