"""Reads for the classroom screens, each in a fixed number of queries whatever the size of the class."""

import segno
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from wagtail.models import ModelLogEntry

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
    """A member of staff's schools (with their role) and the classes they may see."""
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
    return list(classroom.pupils.all())


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
    """The names a pupil taps to sign in (nothing else about them)."""
    return classroom.pupils.only("pk", "display_name", "classroom_id")


def class_pupil(classroom, pk):
    """The pupil `pk` of this class, or None."""
    return Pupil.objects.filter(classroom=classroom, pk=pk).first()
