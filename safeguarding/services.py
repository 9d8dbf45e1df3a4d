"""Writes: receive and record concerns, keep their chronology and the mandatory-reporting record.

Every write is saved first; notifications go out afterwards and a failure to send one is logged,
never allowed to lose the concern. The access record (Wagtail's audit log) gets one entry per view,
edit, print or deletion, without the child's name or anything they said.
"""

import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from core.grades import is_early_reader
from core.network import client_address

from .models import (
    URGENT_TOPICS,
    ActionKind,
    Agency,
    Concern,
    ConcernAction,
    ConcernDeletion,
    Referral,
    Source,
    Status,
    Urgency,
    Wants,
)
from .queries import notification_addresses

logger = logging.getLogger(__name__)


def staff_name(user):
    return (user.get_full_name() or user.email or user.get_username()) if user else ""


def audit(*, user, instance, action, school_id, request=None, **data):
    """One entry in the access record: who, when, from where (with a request), which concern (or school) and
    what they did."""
    if request is not None:
        data["address"] = client_address(request)
    log(instance=instance, action=f"safeguarding.{action}", user=user, data={"school": school_id, **data})


def _action(*, concern, kind, text="", user=None, happened_at=None):
    return ConcernAction.objects.create(
        concern=concern,
        kind=kind,
        text=text,
        by=user,
        by_name=staff_name(user),
        happened_at=happened_at or timezone.now(),
    )


def _create_once(*, user, key, fields):
    """Create the concern of this form submission, or return the one a first submit already made."""
    existing = Concern.objects.filter(created_by=user, submission_key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return Concern.objects.create(created_by=user, submission_key=key, **fields), True
    except IntegrityError:  # the same form, submitted twice at the same moment
        return Concern.objects.get(created_by=user, submission_key=key), False


@transaction.atomic
def submit_pupil_request(*, pupil, key, wants, named=None, topic="", text=""):
    """A pupil's "I want to talk to someone": stored once per form, in the designated staff's queue."""
    classroom = pupil.classroom
    fields = {
        "school_id": classroom.school_id,
        "source": Source.PUPIL,
        "pupil": pupil,
        "child_name": pupil.display_name,
        "class_name": classroom.name,
        "grade": classroom.grade,
        "wants": Wants.NAMED if named is not None else wants,
        "wanted_name": named.name_for_pupils if named is not None else "",
        "topic": topic,
        # Only pupils of grades 4–9 are offered a text box; anything else is not kept.
        "pupil_text": "" if is_early_reader(classroom.grade) else text.strip(),
        "urgency": Urgency.URGENT if topic in URGENT_TOPICS else Urgency.ROUTINE,
    }
    concern, created = _create_once(user=pupil.user, key=key, fields=fields)
    if created:
        _action(concern=concern, kind=ActionKind.CREATED, happened_at=concern.created_at)
    return concern, created


@transaction.atomic
def record_concern(*, school, user, key, pupil=None, child_name="", fields=None, risk=False):
    """A concern or disclosure a member of staff heard, in the child's own words."""
    fields = dict(fields or {})
    now = timezone.now()
    values = {
        "school": school,
        "source": Source.STAFF,
        "pupil": pupil,
        "child_name": pupil.display_name if pupil else child_name.strip(),
        "class_name": pupil.classroom.name if pupil else "",
        "grade": pupil.classroom.grade if pupil else None,
        "created_by_name": staff_name(user),
        "risk_reported_at": now if risk else None,
        "created_at": now,
        **fields,
    }
    concern, created = _create_once(user=user, key=key, fields=values)
    if created:
        _action(concern=concern, kind=ActionKind.CREATED, user=user, happened_at=now)
        if risk:
            _action(concern=concern, kind=ActionKind.RISK, user=user, text="reported", happened_at=now)
        audit(user=user, instance=concern, action="create", school_id=school.pk)
    return concern, created


def notify_new_concern(*, concern, base_url):
    """Email the school's designated staff "a new concern needs your attention" and a link; nothing else.

    Called after the concern is saved. A mail server that fails is logged: the concern is in the queue anyway."""
    recipients = notification_addresses(concern.school)
    if not recipients:
        logger.warning("Safeguarding concern %s: the school has nobody to notify.", concern.pk)
        return 0
    context = {"url": base_url.rstrip("/") + reverse("safeguarding:concern", kwargs={"pk": concern.pk})}
    try:
        return send_mail(
            subject=render_to_string("safeguarding/email/new_concern_subject.txt", context).strip(),
            message=render_to_string("safeguarding/email/new_concern.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
    except Exception:  # SMTP, DNS or socket errors: never lose or fail the concern because of email
        logger.exception("Safeguarding concern %s: the notification email could not be sent.", concern.pk)
        return 0


def mark_seen(*, concern, user):
    """The first time designated staff (or the school admin) open a concern: the pupil then sees "seen"."""
    if concern.seen_at is not None:
        return False
    now = timezone.now()
    updated = Concern.objects.filter(pk=concern.pk, seen_at__isnull=True).update(
        seen_at=now, status=Status.SEEN if concern.status == Status.NEW else concern.status
    )
    if updated:
        concern.seen_at = now
        if concern.status == Status.NEW:
            concern.status = Status.SEEN
        _action(concern=concern, kind=ActionKind.SEEN, user=user, happened_at=now)
    return bool(updated)


@transaction.atomic
def add_note(*, concern, user, text, happened_at=None):
    _action(concern=concern, kind=ActionKind.NOTE, text=text.strip(), user=user, happened_at=happened_at)
    audit(user=user, instance=concern, action="add_note", school_id=concern.school_id)


@transaction.atomic
def update_concern(*, concern, user, status, urgency, risk, note=""):
    """Designated staff move a concern along the queue; each change is a dated line of its chronology."""
    changes = []
    if status != concern.status:
        changes.append(("status", concern.status, status))
        _action(concern=concern, kind=ActionKind.STATUS, text=status, user=user)
        concern.status = status
        concern.closed_at = timezone.now() if status == Status.CLOSED else None
    if urgency != concern.urgency:
        changes.append(("urgency", concern.urgency, urgency))
        _action(concern=concern, kind=ActionKind.URGENCY, text=urgency, user=user)
        concern.urgency = urgency
    if risk != (concern.risk_reported_at is not None):
        changes.append(("risk", not risk, risk))
        _action(concern=concern, kind=ActionKind.RISK, text="reported" if risk else "withdrawn", user=user)
        concern.risk_reported_at = timezone.now() if risk else None
    if note.strip():
        _action(concern=concern, kind=ActionKind.NOTE, text=note.strip(), user=user)
    concern.save(update_fields=["status", "closed_at", "urgency", "risk_reported_at"])
    audit(
        user=user,
        instance=concern,
        action="update",
        school_id=concern.school_id,
        changes=[name for name, _old, _new in changes],
    )
    return changes


@transaction.atomic
def record_referral(*, concern, user, agency, reported_at, reported_by, agency_detail="", reference="", notes=""):
    """The mandatory-reporting record: who reported to whom, when, and the reference they were given."""
    referral = Referral.objects.create(
        concern=concern,
        agency=agency,
        agency_detail=agency_detail.strip(),
        reported_at=reported_at,
        reported_by=reported_by.strip(),
        reference=reference.strip(),
        notes=notes.strip(),
        recorded_by=user,
    )
    _action(concern=concern, kind=ActionKind.REFERRAL, text=agency, user=user, happened_at=reported_at)
    if concern.status in (Status.NEW, Status.SEEN, Status.IN_PROGRESS):
        concern.status = Status.REFERRED
        concern.save(update_fields=["status"])
    audit(user=user, instance=concern, action="record_referral", school_id=concern.school_id, agency=agency)
    if agency == Agency.POLICE:
        concern.has_police_report = True
    return referral


@transaction.atomic
def delete_concern(*, concern, user, reason):
    """Designated staff's recorded decision to delete a closed concern whose retention period has passed."""
    deletion = ConcernDeletion.objects.create(
        school_id=concern.school_id,
        concern_number=concern.pk,
        received_at=concern.created_at,
        closed_at=concern.closed_at,
        decided_by=user,
        decided_by_name=staff_name(user),
        reason=reason.strip(),
    )
    audit(user=user, instance=concern, action="delete", school_id=concern.school_id)
    concern.delete()
    return deletion
