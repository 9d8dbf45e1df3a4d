"""Safeguarding concerns: pupils' "I want to talk to someone" requests and the concerns staff record.

Kept apart from class data: a concern keeps a snapshot of the child's name and class, so archiving,
purging or deleting a class or a pupil never deletes it (the links become empty instead). Only a
recorded decision of the school's designated staff deletes a concern, after the retention period.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classrooms.models import Membership, Pupil, Role, School

# A concern with a reported risk of harm must be reported to the police at once (立即); after this
# long without a police report recorded, it is shown as overdue.
POLICE_REPORT_WITHIN = timedelta(hours=1)


class Source(models.TextChoices):
    PUPIL = "pupil", _("pupil's request to talk")
    STAFF = "staff", _("recorded by staff")


class Status(models.TextChoices):
    NEW = "new", _("new")
    SEEN = "seen", _("seen")
    IN_PROGRESS = "in_progress", _("in progress")
    REFERRED = "referred", _("referred")
    CLOSED = "closed", _("closed")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("routine")
    URGENT = "urgent", _("urgent: today")
    IMMEDIATE = "immediate", _("immediate: the child may be in danger now")


URGENCY_RANK = {Urgency.IMMEDIATE: 0, Urgency.URGENT: 1, Urgency.ROUTINE: 2}


class Topic(models.TextChoices):
    """The picture buttons a pupil may tap; the order is the order on the screen."""

    ONLINE = "online", _("Someone online is bothering me")
    PICTURE = "picture", _("Someone asked me for a picture")
    TOUCHED = "touched", _("Someone touched me or made me feel uncomfortable")
    HURT = "hurt", _("Someone is being hurt")
    OTHER = "other", _("Something else")
    IN_PERSON = "in_person", _("I'd rather say it in person")


# Topics that make a pupil's request urgent: an adult should find the child today.
URGENT_TOPICS = {Topic.PICTURE, Topic.TOUCHED, Topic.HURT}


class Wants(models.TextChoices):
    """Whom the pupil would like to talk to."""

    CLASS_TEACHER = "teacher", _("My class teacher")
    NAMED = "named", _("An adult I chose by name")
    ANYONE = "anyone", _("Any adult at school")


class Agency(models.TextChoices):
    POLICE = "police", _("Police (公安机关)")
    EDUCATION = "education", _("Education bureau (教育部门)")
    CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs (民政部门)")
    WOMENS_FEDERATION = "womens_federation", _("Women's Federation (妇联)")
    MEDICAL = "medical", _("Medical")
    OTHER = "other", _("Other")


def managing_schools(user):
    """The schools whose concerns this user may see in full: they are designated staff or the school admin."""
    return Membership.objects.filter(user=user).filter(Q(role=Role.ADMIN) | Q(is_designated=True)).values("school")


class ConcernQuerySet(models.QuerySet):
    def for_staff(self, user):
        """Designated staff and school admins: every concern of their schools; a teacher: the ones they recorded."""
        if not user.is_authenticated:
            return self.none()
        member_of = Membership.objects.filter(user=user).values("school")
        return self.filter(
            Q(school__in=managing_schools(user)) | Q(source=Source.STAFF, created_by=user, school__in=member_of)
        )

    def managed_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(school__in=managing_schools(user))

    def open(self):
        return self.exclude(status=Status.CLOSED)

    def with_police_report(self):
        police = Referral.objects.filter(concern=OuterRef("pk"), agency=Agency.POLICE)
        return self.annotate(has_police_report=Exists(police))

    def overdue(self, now=None):
        """Concerns with a reported risk and no police report recorded within POLICE_REPORT_WITHIN."""
        cutoff = (now or timezone.now()) - POLICE_REPORT_WITHIN
        return self.filter(risk_reported_at__lte=cutoff).exclude(referrals__agency=Agency.POLICE)

    def for_queue(self):
        """Open concerns first, the most urgent first, then the newest."""
        rank = Case(
            *[When(urgency=urgency, then=Value(position)) for urgency, position in URGENCY_RANK.items()],
            output_field=IntegerField(),
        )
        closed = Case(When(status=Status.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField())
        return (
            self.with_police_report()
            .select_related("created_by", "school")
            .annotate(closed_last=closed, urgency_rank=rank)
            .order_by("closed_last", "urgency_rank", "-created_at", "-pk")
        )


class Concern(models.Model):
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="concerns", verbose_name=_("school"))
    source = models.CharField(_("source"), max_length=5, choices=Source.choices)
    # The child: a link while the pupil exists, and a snapshot that outlives them.
    pupil = models.ForeignKey(Pupil, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    child_name = models.CharField(_("child's name"), max_length=80)
    class_name = models.CharField(_("class"), max_length=80, blank=True)
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_name = models.CharField(_("recorded by"), max_length=254, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    # One form, one concern: the key is made when the form is shown, so a double submit stores one.
    submission_key = models.UUIDField(default=uuid.uuid4, editable=False)

    # A pupil's request.
    wants = models.CharField(_("wants to talk to"), max_length=10, choices=Wants.choices, blank=True)
    wanted_name = models.CharField(_("adult chosen by name"), max_length=80, blank=True)
    topic = models.CharField(_("about"), max_length=10, choices=Topic.choices, blank=True)
    pupil_text = models.TextField(_("the pupil's own words"), blank=True)

    # A concern recorded by staff.
    child_words = models.TextField(_("the child's exact words"), blank=True)
    occurred_at = models.DateTimeField(_("when it happened or was said"), null=True, blank=True)
    location = models.CharField(_("where"), max_length=200, blank=True)
    present = models.CharField(_("who was present"), max_length=300, blank=True)
    actions_taken = models.TextField(_("what you did"), blank=True)

    # The designated staff's queue.
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    risk_reported_at = models.DateTimeField(_("risk of harm reported"), null=True, blank=True)
    seen_at = models.DateTimeField(_("first seen by designated staff"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["created_by", "submission_key"], name="one_concern_per_submission")
        ]

    def __str__(self):
        # Shown in the access record: never the child's name or anything they said.
        return _("Concern %(number)s") % {"number": self.pk}

    def get_absolute_url(self):
        return reverse("safeguarding:concern", kwargs={"pk": self.pk})

    @property
    def is_overdue(self):
        """A reported risk and, an hour later, still no police report recorded."""
        if self.risk_reported_at is None or timezone.now() - self.risk_reported_at < POLICE_REPORT_WITHIN:
            return False
        has_report = getattr(self, "has_police_report", None)
        if has_report is None:
            has_report = self.referrals.filter(agency=Agency.POLICE).exists()
        return not has_report

    @property
    def pupil_state(self):
        """All a pupil ever sees of their request: sent, or seen."""
        return _("seen") if self.seen_at else _("sent")


class ActionKind(models.TextChoices):
    CREATED = "created", _("received")
    SEEN = "seen", _("seen")
    NOTE = "note", _("note")
    STATUS = "status", _("status changed")
    URGENCY = "urgency", _("urgency changed")
    RISK = "risk", _("risk of harm")
    REFERRAL = "referral", _("referral")


class ConcernAction(models.Model):
    """One line of a concern's chronology: what happened, when, and who recorded it. Never edited."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=10, choices=ActionKind.choices)
    text = models.TextField(_("what happened"), blank=True)
    happened_at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(_("by"), max_length=254, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("concern action")
        verbose_name_plural = _("concern actions")
        ordering = ["happened_at", "pk"]

    def __str__(self):
        return f"{self.concern_id} · {self.kind}"

    @property
    def description(self):
        """One line of the chronology, in the reader's language."""
        if self.kind == ActionKind.STATUS:
            return _("Status: %(status)s") % {"status": Status(self.text).label}
        if self.kind == ActionKind.URGENCY:
            return _("Urgency: %(urgency)s") % {"urgency": Urgency(self.text).label}
        if self.kind == ActionKind.RISK:
            return _("A risk of harm was reported") if self.text == "reported" else _("The risk of harm was withdrawn")
        if self.kind == ActionKind.REFERRAL:
            return _("Reported to: %(agency)s") % {"agency": Agency(self.text).label}
        if self.kind == ActionKind.CREATED:
            return _("Concern recorded") if self.by_id or self.by_name else _("Pupil's request received")
        if self.kind == ActionKind.SEEN:
            return _("Seen by designated staff")
        return self.text


class Referral(models.Model):
    """The mandatory-reporting record: to the police (强制报告) and other agencies."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="referrals")
    agency = models.CharField(_("reported to"), max_length=20, choices=Agency.choices)
    agency_detail = models.CharField(_("which office or person"), max_length=200, blank=True)
    reported_at = models.DateTimeField(_("reported at"))
    reported_by = models.CharField(_("reported by"), max_length=200)
    reference = models.CharField(_("reference number"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["reported_at", "pk"]

    def __str__(self):
        return f"{self.concern_id} · {self.agency}"


DEFAULT_RETENTION_YEARS = 20  # documented in docs/safeguarding.md


class SchoolSafeguarding(models.Model):
    """A school's safeguarding settings: how long closed concerns are kept before they may be deleted."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="safeguarding")
    retention_years = models.PositiveSmallIntegerField(
        _("keep closed concerns for (years)"),
        default=DEFAULT_RETENTION_YEARS,
        help_text=_("After this many years a closed concern may be deleted by designated staff; never before."),
    )

    class Meta:
        verbose_name = _("safeguarding settings")
        verbose_name_plural = _("safeguarding settings")

    def __str__(self):
        return str(self.school)


class ConcernDeletion(models.Model):
    """The recorded decision to delete a concern, kept after the concern itself is gone."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    concern_number = models.PositiveIntegerField(_("concern number"))
    received_at = models.DateTimeField(_("received"))
    closed_at = models.DateTimeField(_("closed"), null=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_name = models.CharField(_("decided by"), max_length=254)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("concern deletion")
        verbose_name_plural = _("concern deletions")
        ordering = ["-decided_at"]

    def __str__(self):
        return _("Concern %(number)s deleted") % {"number": self.concern_number}
