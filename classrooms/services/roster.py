"""Classes and pupils: codes, system-made passwords, QR tokens, archiving, deletion and the retention purge."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Kind
from accounts.tasks import delete_sessions

from .. import passwords
from ..models import Classroom, Pupil, new_class_code, new_token
from .audit import audit
from .signin import end_class_sessions
from .throttle import clear_pupil_lock, forget_pupil


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
    pupil.user.end_sessions()
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
    end_class_sessions(classroom=classroom)


def rename_pupil(*, pupil, name):
    pupil.display_name = name
    pupil.save(update_fields=["display_name"])
    return pupil


@transaction.atomic
def delete_pupil(*, pupil):
    """The pupil, their account, progress and quiz attempts; the task worker then deletes their stored sessions."""
    forget_pupil(pupil=pupil)
    user_id = pupil.user_id
    pupil.user.delete()
    delete_sessions.enqueue(user_ids=[user_id])


@transaction.atomic
def delete_classroom(*, classroom):
    """The class with its pupils, their accounts, progress, quiz attempts and assignments; the task worker then
    deletes the pupils' stored sessions (one task for the class)."""
    accounts = get_user_model().objects.filter(pupil__classroom=classroom)
    user_ids = list(accounts.values_list("pk", flat=True))
    accounts.delete()
    classroom.delete()
    if user_ids:
        delete_sessions.enqueue(user_ids=user_ids)


def archive_classroom(*, classroom, archived=True):
    """Archiving also closes sign-in and signs every pupil of the class out."""
    classroom.archived_at = timezone.now() if archived else None
    classroom.sign_in_until = None
    classroom.save(update_fields=["archived_at", "sign_in_until"])
    if archived:
        end_class_sessions(classroom=classroom)


def purge_archived_classrooms(*, now=None):
    """Delete classes archived longer ago than CLASSROOM_RETENTION_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CLASSROOM_RETENTION_DAYS)
    count = 0
    for classroom in Classroom.objects.filter(archived_at__lt=cutoff).select_related("school"):
        audit(action="purge", classroom=classroom, name=classroom.name)
        delete_classroom(classroom=classroom)
        count += 1
    return count
