"""Reads for the classroom screens, each in a fixed number of queries whatever the size of the class."""

import segno
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import mfa
from core.names import sorted_by_name

from . import passwords
from .models import Classroom, Membership, Pupil, School


def pupil_for(user):
    """The pupil behind a signed-in user, or None (staff, editors, anonymous)."""
    if not user.is_authenticated:
        return None
    try:
        return user.pupil
    except ObjectDoesNotExist:
        return None


def account_exists(email):
    """Whether any account already has this email address (in any case)."""
    return get_user_model().objects.filter(email__iexact=email).exists()


def schools_of(user):
    """The schools a member of staff belongs to (where they may create classes)."""
    return School.objects.filter(memberships__user=user)


def dashboard(user):
    """A member of staff's schools (with their role) and the classes they may see (with their sign-in state)."""
    return {
        "memberships": list(Membership.objects.filter(user=user).select_related("school")),
        "classrooms": list(Classroom.objects.for_staff(user).select_related("school")),
    }


def school_page(school):
    """What a school admin sees: the members (with the classes each teaches), open invitations and the classes."""
    classrooms = list(school.classrooms.prefetch_related("teachers").order_by("grade", "name"))
    members = list(school.memberships.select_related("user").order_by("user__email"))
    for membership in members:
        membership.taught = [c for c in classrooms if any(t.pk == membership.user_id for t in c.teachers.all())]
        membership.not_taught = [c for c in classrooms if c not in membership.taught]
    return {
        "members": members,
        "pending": school.invitations.filter(accepted_at__isnull=True).order_by("-created_at"),
    }


def second_factor_page(school):
    """The school's staff, each marked `has_second_factor`, for the school admin's two-step sign-in screen."""
    members = list(school.memberships.select_related("user").order_by("user__email"))
    enrolled = mfa.enrolled_ids([membership.user_id for membership in members])
    for membership in members:
        membership.has_second_factor = membership.user_id in enrolled
    return {"members": members, "without": [m for m in members if not m.has_second_factor]}


def access_record(school, *, action=None, person=None, pupil=None, since=None, until=None):
    """The school's access record, newest first, filtered by action, person, pupil and dates (inclusive)."""
    entries = ModelLogEntry.objects.filter(action__startswith="classrooms.", data__school=school.pk)
    if action:
        entries = entries.filter(action=f"classrooms.{action}")
    if person:
        entries = entries.filter(user=person)
    if pupil:
        entries = entries.filter(data__pupil=pupil)
    if since:
        entries = entries.filter(timestamp__date__gte=since)
    if until:
        entries = entries.filter(timestamp__date__lte=until)
    return entries.select_related("user").order_by("-timestamp", "-pk")


def class_pupils(classroom):
    """The class's pupils in name order (pinyin for Chinese names)."""
    return sorted_by_name(classroom.pupils.all())


def login_cards(classroom, *, language, absolute_uri):
    """The class's pupils, each with what their card shows: pictures, words and (if on) the QR code's image.

    `absolute_uri` turns a path into a full URL (the request's `build_absolute_uri`)."""
    pupils = class_pupils(classroom)
    for pupil in pupils:
        pupil.card_pictures = [(key, passwords.PICTURES[key]) for key in pupil.picture_keys]
        pupil.card_words = pupil.words(language)
        if pupil.login_token:
            url = absolute_uri(reverse("classrooms:pupil_token_login", kwargs={"token": pupil.login_token}))
            pupil.qr_uri = segno.make(url, error="m").svg_data_uri(scale=3, border=2)
    return pupils


def active_classroom(code):
    """The class with this code, unless it is archived; None if there is none."""
    return Classroom.objects.active().filter(code=code).first()


def sign_in_names(classroom):
    """The names a pupil taps to sign in (nothing else about them), in name order (pinyin for Chinese names)."""
    return sorted_by_name(classroom.pupils.only("pk", "display_name", "classroom_id"))


def class_pupil(classroom, pk):
    """The pupil `pk` of this class, or None."""
    return Pupil.objects.filter(classroom=classroom, pk=pk).first()


def class_pupil_named(classroom, name):
    """The pupil of this class with this name (any case, spaces tidied), or None."""
    name = " ".join(str(name).split())
    return Pupil.objects.filter(classroom=classroom, display_name__iexact=name).first() if name else None


def active_pupil(pk):
    """The pupil `pk` with their account, if their class is not archived; None otherwise."""
    if pk is None:
        return None
    return Pupil.objects.select_related("user", "classroom").filter(pk=pk, classroom__archived_at__isnull=True).first()
