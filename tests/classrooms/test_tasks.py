"""The classrooms' background tasks: emails the worker sends, the retention purge it runs every day, and the
stored sessions of deleted accounts it removes."""

import re
import uuid
from datetime import timedelta

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail
from django.tasks import TaskResultStatus
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from accounts.models import User
from classrooms.models import Classroom, Role
from classrooms.services import roster, staff
from classrooms.services.audit import audit
from classrooms.tasks import purge_archived_classes
from core.tasks import run_daily
from safeguarding import services as safeguarding


def queued(task_path):
    return DBTaskResult.objects.filter(task_path=task_path)


def test_worker_delivers_an_enqueued_invitation_email(run_worker, school):
    """An invitation is queued, not sent, in the request; the worker sends it with a working link."""
    invitation = staff.invite_staff(school=school, email="New.Teacher@example.com", role=Role.TEACHER)
    assert mail.outbox == []
    task = queued("classrooms.tasks.send_invitation").get()
    assert task.status == TaskResultStatus.READY and invitation.token not in str(task.args_kwargs)

    run_worker()

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    [email] = mail.outbox
    assert email.to == ["new.teacher@example.com"] and invitation.get_absolute_url() in email.body


def test_invitation_email_is_in_the_language_it_was_asked_in(run_worker, school, client, school_admin):
    """A school admin inviting from the English pages gets an English email, though the worker has no request."""
    client.force_login(school_admin)
    url = reverse("classrooms:school", kwargs={"pk": school.pk}).replace("/zh-hans/", "/en/")
    client.post(url, {"email": "helper@example.com", "role": Role.TEACHER})
    assert mail.outbox == []
    run_worker()
    [email] = mail.outbox
    assert email.subject == f"Join {school.name} on SafeSteps" and "/en/teach/invitations/" in email.body


def test_revoked_invitation_is_not_sent(run_worker, school):
    """An invitation revoked before the worker got to it sends nothing."""
    invitation = staff.invite_staff(school=school, email="gone@example.com", role=Role.TEACHER)
    staff.revoke_invitation(invitation=invitation)
    run_worker()
    assert mail.outbox == []
    assert queued("classrooms.tasks.send_invitation").get().return_value == 0


def test_worker_sends_a_password_reset_link_that_works(run_worker, client, teacher):
    """The reset form answers at once; the worker makes the token and sends the link, which sets a new password.
    The queue holds the account's id only, never the link."""
    client.post(reverse("classrooms:password_reset"), {"email": teacher.email})
    assert mail.outbox == []
    task = queued("classrooms.tasks.send_password_reset").get()
    assert task.args_kwargs["kwargs"]["user_id"] == teacher.pk and "token" not in task.args_kwargs["kwargs"]

    run_worker()

    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    response = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "another good pass 77", "new_password2": "another good pass 77"})
    teacher.refresh_from_db()
    assert teacher.check_password("another good pass 77")


def archived_long_ago(classroom):
    roster.archive_classroom(classroom=classroom)
    Classroom.objects.filter(pk=classroom.pk).update(archived_at=timezone.now() - timedelta(days=400))


def test_purge_task_deletes_old_archived_classes_and_records_it(classroom, word_classroom):
    """The purge task deletes a class archived past the retention period, writes it in the access record by
    nobody, and leaves a class that is not archived."""
    archived_long_ago(classroom)
    result = purge_archived_classes.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 1
    assert not Classroom.objects.filter(pk=classroom.pk).exists()
    assert Classroom.objects.filter(pk=word_classroom.pk).exists()
    entry = ModelLogEntry.objects.get(action="classrooms.purge")
    assert entry.user_id is None and entry.data["school"] == classroom.school_id


def daily_purges():
    """The runs of the daily purge waiting in the queue."""
    waiting = queued(run_daily.module_path).filter(status=TaskResultStatus.READY)
    return list(waiting.filter(args_kwargs__args__0="classrooms.tasks.purge_archived_classes"))


def test_worker_schedules_the_daily_purge_and_runs_it_when_due(run_worker, classroom):
    """The worker starting puts tomorrow's purge in the queue (once, however often it starts); when that run is
    due the worker purges, records it, and queues the next day's run."""
    run_worker()
    run_worker()
    [waiting] = daily_purges()
    assert timezone.now() < waiting.run_after <= timezone.now() + timedelta(days=1)

    archived_long_ago(classroom)
    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now() - timedelta(minutes=1))
    run_worker()

    waiting.refresh_from_db()
    assert waiting.status == TaskResultStatus.SUCCESSFUL and waiting.return_value == 1
    assert not Classroom.objects.filter(pk=classroom.pk).exists()
    assert ModelLogEntry.objects.filter(action="classrooms.purge").count() == 1
    [following] = daily_purges()
    assert following.run_after > timezone.now()


def stored_sessions(user_id):
    """The session rows signed in as this account."""
    return [s for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(user_id)]


def signed_in(user):
    Client().force_login(user)
    assert stored_sessions(user.pk)


def test_deleting_a_pupil_leaves_no_session_behind(classroom):
    """Deleting a pupil deletes the rows of their sessions (queued for the worker), not other pupils'."""
    pupil, other = classroom.pupils.order_by("pk")[:2]
    signed_in(pupil.user), signed_in(other.user)
    user_id = pupil.user_id
    roster.delete_pupil(pupil=pupil)
    assert stored_sessions(user_id) == [] and stored_sessions(other.user_id)


def test_purging_a_class_leaves_no_session_behind(run_worker, classroom, word_classroom):
    """The retention purge deletes the purged pupils' stored sessions, in one task for the class, run by the
    worker; a pupil of another class keeps theirs."""
    pupils = [pupil.user for pupil in classroom.pupils.all()]
    for user in pupils:
        signed_in(user)
    other = word_classroom.pupils.first().user
    signed_in(other)
    user_ids = [user.pk for user in pupils]
    archived_long_ago(classroom)
    purge_archived_classes.enqueue()
    run_worker()
    [task] = queued("accounts.tasks.delete_sessions")
    assert task.status == TaskResultStatus.SUCCESSFUL and task.return_value == len(pupils)
    assert all(stored_sessions(user_id) == [] for user_id in user_ids) and stored_sessions(other.pk)


def test_operator_deletes_a_staff_account(client, editor, school, teacher, classroom, pupil):
    """The site operator can delete a teacher's account in Wagtail's admin although the teacher invited people,
    recorded a concern and is in the access record: the record keeps the entries, the concern keeps its
    author's name, and the teacher's sessions are deleted."""
    staff.invite_staff(school=school, email="friend@example.com", role=Role.TEACHER, invited_by=teacher)
    concern, _created = safeguarding.record_concern(
        school=school, user=teacher, key=uuid.uuid4(), pupil=pupil, fields={"child_words": "words"}
    )
    audit(action="view_pupil", user=teacher, classroom=classroom, pupil=pupil.pk)
    signed_in(teacher)
    teacher_id = teacher.pk

    client.force_login(editor)
    response = client.post(reverse("wagtailusers_users:delete", args=[teacher.pk]))

    assert response.status_code == 302 and not User.objects.filter(pk=teacher_id).exists()
    assert stored_sessions(teacher_id) == []
    assert ModelLogEntry.objects.filter(action="classrooms.view_pupil", user_id=teacher_id).exists()
    concern.refresh_from_db()
    assert concern.created_by_name
    assert school.invitations.get(email="friend@example.com").invited_by is None
