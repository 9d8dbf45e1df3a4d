"""Writes that touch several models, sign-in throttling and the audit trail of pupil data."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.log_actions import log

from accounts.models import Kind

from . import passwords
from .models import Classroom, Invitation, Membership, Pupil, Role, School, new_class_code, new_token

TEACHERS_GROUP = "Teachers"
LOCK_SECONDS = 15 * 60
PUPIL_FAILURE_LIMIT = 5
CLASS_ADDRESS_FAILURE_LIMIT = 10
CLASS_FAILURE_LIMIT = 30
STAFF_FAILURE_LIMIT = 5


# ---- schools and staff -------------------------------------------------------------------------


def send_invitation(*, invitation, base_url):
    """Email the invitation link (the console in development)."""
    context = {"invitation": invitation, "url": base_url.rstrip("/") + invitation.get_absolute_url()}
    send_mail(
        subject=render_to_string("classrooms/email/invitation_subject.txt", context).strip(),
        message=render_to_string("classrooms/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


@transaction.atomic
def invite_staff(*, school, email, role, invited_by=None, base_url=None):
    """Invite someone to a school; a new invitation replaces an unused one for the same address."""
    email = email.strip().lower()
    Invitation.objects.filter(school=school, email=email, accepted_at__isnull=True).delete()
    invitation = Invitation.objects.create(school=school, email=email, role=role, invited_by=invited_by)
    send_invitation(invitation=invitation, base_url=base_url or settings.WAGTAILADMIN_BASE_URL)
    return invitation


@transaction.atomic
def create_school(*, name, admin_email, base_url=None):
    school = School.objects.create(name=name)
    invitation = invite_staff(school=school, email=admin_email, role=Role.ADMIN, base_url=base_url)
    return school, invitation


def add_to_teachers_group(*, user):
    """Teachers and school admins see teacher notes; they never get Wagtail admin access."""
    user.groups.add(Group.objects.get_or_create(name=TEACHERS_GROUP)[0])


@transaction.atomic
def accept_invitation(*, invitation, user=None, password=None):
    """Join the school: the signed-in user, or a new account for the invited address with this password."""
    if user is None:
        user = get_user_model()(username=invitation.email[:150], email=invitation.email)
        user.set_password(password)
        user.save()
    add_to_teachers_group(user=user)
    membership, created = Membership.objects.get_or_create(
        user=user, school=invitation.school, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Role.ADMIN and membership.role != Role.ADMIN:
        membership.role = Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


# ---- classes and pupils -------------------------------------------------------------------------


def _unused_code():
    while True:
        code = new_class_code()
        if not Classroom.objects.filter(code=code).exists():
            return code


@transaction.atomic
def create_classroom(*, school, name, grade, teacher, code=None):
    classroom = Classroom.objects.create(school=school, name=name, grade=grade, code=code or _unused_code())
    classroom.teachers.add(teacher)
    return classroom


def regenerate_code(*, classroom):
    classroom.code = _unused_code()
    classroom.save(update_fields=["code"])
    return classroom.code


def _pupil_user():
    user = get_user_model()(username=f"pupil-{secrets.token_hex(12)}", kind=Kind.PUPIL)
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def add_pupils(*, classroom, names, rng=None):
    """One pupil per name, each with a system-made password. Names must already be checked as new."""
    pupils = []
    for name in names:
        pupils.append(
            Pupil.objects.create(
                classroom=classroom,
                user=_pupil_user(),
                display_name=name,
                secret=passwords.new_secret(classroom.grade, rng=rng),
            )
        )
    return pupils


def reset_pupil_password(*, pupil):
    pupil.secret = passwords.new_secret(pupil.classroom.grade)
    pupil.login_token = ""
    pupil.save(update_fields=["secret", "login_token"])
    clear_pupil_lock(pupil=pupil)
    return pupil


def enable_qr_sign_in(*, classroom):
    """Give every pupil of the class without one a QR sign-in token (printed on the login cards)."""
    pupils = list(classroom.pupils.filter(login_token=""))
    for pupil in pupils:
        pupil.login_token = new_token()
    Pupil.objects.bulk_update(pupils, ["login_token"])


def disable_qr_sign_in(*, classroom):
    """Revoke every QR code of the class: printed cards then only work with the picture password."""
    classroom.pupils.update(login_token="")


def rename_pupil(*, pupil, name):
    pupil.display_name = name
    pupil.save(update_fields=["display_name"])
    return pupil


@transaction.atomic
def delete_pupil(*, pupil):
    """The pupil, their account, progress and quiz attempts."""
    pupil.user.delete()


@transaction.atomic
def delete_classroom(*, classroom):
    """The class with its pupils, their accounts, progress, quiz attempts and assignments."""
    get_user_model().objects.filter(pupil__classroom=classroom).delete()
    classroom.delete()


def archive_classroom(*, classroom, archived=True):
    classroom.archived_at = timezone.now() if archived else None
    classroom.save(update_fields=["archived_at"])


def purge_archived_classrooms(*, now=None):
    """Delete classes archived longer ago than CLASSROOM_RETENTION_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CLASSROOM_RETENTION_DAYS)
    count = 0
    for classroom in Classroom.objects.filter(archived_at__lt=cutoff):
        delete_classroom(classroom=classroom)
        count += 1
    return count


# ---- pupils ------------------------------------------------------------------------------------


def pupil_for(user):
    """The pupil behind a signed-in user, or None (staff, editors, anonymous)."""
    if not user.is_authenticated:
        return None
    try:
        return user.pupil
    except ObjectDoesNotExist:
        return None


# ---- pupil sign-in throttling (cache based, never by address alone) -----------------------------


def _class_generation(classroom_id):
    return cache.get_or_set(f"signin:gen:{classroom_id}", 0, None)


def _keys(*, classroom_id, pupil_id=None, address=""):
    generation = _class_generation(classroom_id)
    keys = {
        "class": (f"signin:class:{classroom_id}:{generation}", CLASS_FAILURE_LIMIT),
        "address": (f"signin:class:{classroom_id}:{generation}:{address}", CLASS_ADDRESS_FAILURE_LIMIT),
    }
    if pupil_id:
        keys["pupil"] = (f"signin:pupil:{pupil_id}", PUPIL_FAILURE_LIMIT)
    return keys


def _increment(key):
    cache.add(key, 0, LOCK_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, LOCK_SECONDS)
        return 1


def sign_in_locked(*, classroom_id, pupil_id=None, address=""):
    keys = _keys(classroom_id=classroom_id, pupil_id=pupil_id, address=address)
    counts = cache.get_many([key for key, _limit in keys.values()])
    return any(counts.get(key, 0) >= limit for key, limit in keys.values())


def record_sign_in_failure(*, classroom_id, pupil_id=None, address=""):
    for key, _limit in _keys(classroom_id=classroom_id, pupil_id=pupil_id, address=address).values():
        _increment(key)


def locked_pupil_ids(pupils):
    """Which of these pupils are locked out now, from one cache read."""
    keys = {f"signin:pupil:{pupil.pk}": pupil.pk for pupil in pupils}
    counts = cache.get_many(list(keys))
    return {keys[key] for key, count in counts.items() if count >= PUPIL_FAILURE_LIMIT}


def class_locked(classroom):
    key, limit = _keys(classroom_id=classroom.pk)["class"]
    return cache.get(key, 0) >= limit


def clear_pupil_lock(*, pupil):
    cache.delete(f"signin:pupil:{pupil.pk}")


def clear_class_lock(*, classroom):
    """A new generation makes every class-wide and class-and-address counter start again."""
    _class_generation(classroom.pk)
    cache.incr(f"signin:gen:{classroom.pk}")


# ---- staff sign-in throttling (user + address) --------------------------------------------------


def _staff_key(email, address):
    return f"staff-login:{email.strip().lower()}:{address}"


def staff_locked(*, email, address):
    return cache.get(_staff_key(email, address), 0) >= STAFF_FAILURE_LIMIT


def record_staff_failure(*, email, address):
    _increment(_staff_key(email, address))


def clear_staff_failures(*, email, address):
    cache.delete(_staff_key(email, address))


# ---- audit --------------------------------------------------------------------------------------


def audit(*, user, classroom, action, **data):
    """Record in Wagtail's audit log that a member of staff saw, exported or deleted pupil data."""
    log(instance=classroom, action=f"classrooms.{action}", user=user, data={"school": classroom.school_id, **data})
