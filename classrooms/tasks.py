"""Work the classrooms app leaves to the task worker (Django's tasks framework; docs/deploy.md).

Arguments are ids and plain strings, never a link with a secret in it: the queue is a database table that
keeps finished tasks, so the worker reads the invitation and makes the password-reset token itself. Each
email is written in the language the person used when it was asked for."""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Invitation
from .services.roster import purge_archived_classrooms


def _send(*, subject_template, body_template, context, to):
    return send_mail(
        subject=render_to_string(subject_template, context).strip(),
        message=render_to_string(body_template, context),
        from_email=None,
        recipient_list=[to],
    )


@task
def send_invitation(*, invitation_id, base_url, language):
    """Email an invitation's link; nothing when it was revoked, replaced or accepted before the worker got to it."""
    invitation = Invitation.objects.select_related("school").filter(pk=invitation_id, accepted_at__isnull=True).first()
    if invitation is None:
        return 0
    with translation.override(language):
        context = {"invitation": invitation, "url": base_url.rstrip("/") + invitation.get_absolute_url()}
        return _send(
            subject_template="classrooms/email/invitation_subject.txt",
            body_template="classrooms/email/invitation.txt",
            context=context,
            to=invitation.email,
        )


@task
def send_password_reset(*, user_id, domain, site_name, protocol, language):
    """Email a password-reset link (Django's token) to an active account that has a password and an email."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None or not user.has_usable_password():
        return 0
    with translation.override(language):
        context = {
            "email": user.email,
            "domain": domain,
            "site_name": site_name,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "user": user,
            "token": default_token_generator.make_token(user),
            "protocol": protocol,
        }
        return _send(
            subject_template="classrooms/email/password_reset_subject.txt",
            body_template="classrooms/email/password_reset.txt",
            context=context,
            to=user.email,
        )


@task
def purge_archived_classes():
    """The retention purge (DAILY_TASKS runs it every night): classes archived longer than
    CLASSROOM_RETENTION_DAYS are deleted with their pupils, each deletion in the access record."""
    return purge_archived_classrooms()
