"""Schools and their staff: invitations by email and memberships."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from .. import tasks
from ..models import Invitation, Membership, Role, School

TEACHERS_GROUP = "Teachers"


def send_invitation(*, invitation, base_url):
    """Queue the email with the invitation link for the task worker, in the current language. The task is a row
    of this transaction: it is sent only if the invitation is saved."""
    tasks.send_invitation.enqueue(
        invitation_id=invitation.pk, base_url=base_url, language=get_language() or settings.LANGUAGE_CODE
    )


def set_second_factor_required(*, school, required):
    """A school admin's choice: every member of staff of the school needs two-step sign-in (accounts.mfa asks
    `classrooms` through the requirement added in ClassroomsConfig.ready), or only its school admins."""
    school.requires_second_factor = required
    school.save(update_fields=["requires_second_factor"])


@transaction.atomic
def invite_staff(*, school, email, role, invited_by=None, base_url=None):
    """Invite someone to a school; a new invitation replaces an unused one for the same address."""
    email = email.strip().lower()
    Invitation.objects.filter(school=school, email=email, accepted_at__isnull=True).delete()
    invitation = Invitation.objects.create(school=school, email=email, role=role, invited_by=invited_by)
    send_invitation(invitation=invitation, base_url=base_url or settings.WAGTAILADMIN_BASE_URL)
    return invitation


@transaction.atomic
def create_school(*, name, admin_email, help_language=None, base_url=None):
    school = School.objects.create(name=name, help_language=help_language or settings.LANGUAGE_CODE)
    invitation = invite_staff(school=school, email=admin_email, role=Role.ADMIN, base_url=base_url)
    return school, invitation


def add_to_teachers_group(*, user):
    """Teachers and school admins see teacher notes; they never get Wagtail admin access."""
    user.groups.add(Group.objects.get_or_create(name=TEACHERS_GROUP)[0])


def free_username(email):
    """The email as the username, unless another account (an editor made on the command line) already has it.

    Staff sign in by email; the username only has to be unique."""
    users = get_user_model().objects
    username = email[:150]
    while users.filter(username__iexact=username).exists():
        username = f"{email[:140]}.{secrets.token_hex(4)}"
    return username


@transaction.atomic
def accept_invitation(*, invitation, user=None, password=None):
    """Join the school: the signed-in user, or a new account for the invited address with this password."""
    if user is None:
        user = get_user_model()(username=free_username(invitation.email), email=invitation.email)
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


@transaction.atomic
def remove_member(*, membership):
    """Offboarding: the member leaves the school and its classes, and is signed out everywhere at once."""
    user, school = membership.user, membership.school
    for classroom in school.classrooms.filter(teachers=user):
        classroom.teachers.remove(user)
    membership.delete()
    user.end_sessions()
    return user


def revoke_invitation(*, invitation):
    """An invitation not yet accepted stops working."""
    invitation.delete()


def remove_teacher(*, classroom, user):
    """The teacher no longer sees this class (a school admin still sees every class of the school)."""
    classroom.teachers.remove(user)


def add_teacher(*, classroom, user):
    """A member of the class's school teaches it too."""
    if not Membership.objects.filter(user=user, school=classroom.school_id).exists():
        raise ValueError("only a member of the class's school can teach it")
    classroom.teachers.add(user)
