"""Reads for the safeguarding screens: the queue, chronologies, the dashboard summary and the access record."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from wagtail.models import ModelLogEntry

from classrooms.models import Membership, Role

from .models import Concern, ConcernAction, ConcernDeletion, SchoolSafeguarding, Status, managing_schools


def designated_staff(school):
    return Membership.objects.filter(school=school, is_designated=True, user__is_active=True).select_related("user")


def notification_addresses(school):
    """Designated staff of the school, or its school admins while it has none."""
    members = designated_staff(school)
    if not members.exists():
        members = Membership.objects.filter(school=school, role=Role.ADMIN, user__is_active=True)
    return sorted({address for address in members.values_list("user__email", flat=True) if address})


def named_adults(school):
    """The adults a pupil may choose by name: designated staff and the psychologist, by the name pupils know."""
    return (
        Membership.objects.filter(school=school, user__is_active=True)
        .filter(Q(is_designated=True) | Q(is_psychologist=True))
        .exclude(name_for_pupils="")
        .order_by("name_for_pupils", "pk")
    )


def queue(user, *, status=None):
    """The concerns this user may see, open and most urgent first; with police-report flags, in one query."""
    concerns = Concern.objects.for_staff(user).for_queue()
    if status in Status.values:
        concerns = concerns.filter(status=status)
    return concerns


def chronology(concern):
    return list(concern.actions.select_related("by"))


def pupil_chronology(user, pupil):
    """Every concern about one pupil that this user manages, with their actions, oldest first."""
    concerns = list(
        Concern.objects.managed_by(user).filter(pupil=pupil).with_police_report().order_by("created_at", "pk")
    )
    actions = ConcernAction.objects.filter(concern__in=concerns).order_by("happened_at", "pk")
    by_concern = {}
    for action in actions:
        by_concern.setdefault(action.concern_id, []).append(action)
    for concern in concerns:
        concern.chronology = by_concern.get(concern.pk, [])
    return concerns


def retention_years(school):
    settings_row = SchoolSafeguarding.objects.filter(school=school).first()
    return (
        settings_row.retention_years if settings_row else SchoolSafeguarding._meta.get_field("retention_years").default
    )


def deletable_from(concern):
    """When a closed concern may be deleted (None while it is open)."""
    if concern.status != Status.CLOSED or concern.closed_at is None:
        return None
    years = retention_years(concern.school)
    return concern.closed_at + timedelta(days=round(365.25 * years))


def may_delete(concern, now=None):
    due = deletable_from(concern)
    return due is not None and due <= (now or timezone.now())


def dashboard_summary(user):
    """What the teacher dashboard says about safeguarding, in a fixed number of queries."""
    memberships = list(Membership.objects.filter(user=user).select_related("school"))
    school_ids = [membership.school_id for membership in memberships]
    with_designated = set(
        Membership.objects.filter(school__in=school_ids, is_designated=True).values_list("school", flat=True)
    )
    managed = Concern.objects.filter(school__in=managing_schools(user))
    return {
        "memberships": memberships,
        "without_designated": [m for m in memberships if m.school_id not in with_designated],
        "manages": any(m.role == Role.ADMIN or m.is_designated for m in memberships),
        "new_count": managed.filter(status=Status.NEW).count(),
        "overdue_count": managed.overdue().count(),
    }


def access_record(school):
    return (
        ModelLogEntry.objects.filter(action__startswith="safeguarding.", data__school=school.pk)
        .select_related("user")
        .order_by("-timestamp")[:200]
    )


def deletions(school):
    return ConcernDeletion.objects.filter(school=school)
