"""The access record (one entry per view, edit, print or deletion) and retention (concerns outlive classes)."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from classrooms.services.roster import delete_pupil, purge_archived_classrooms
from safeguarding import services
from safeguarding.models import Concern, ConcernDeletion, SchoolSafeguarding, Status


def _entries():
    return list(ModelLogEntry.objects.filter(action__startswith="safeguarding.").values_list("action", flat=True))


GET_VIEWS = [
    ("queue", lambda o: {}, "safeguarding.view_queue"),
    ("concern", lambda o: {"pk": o.pk}, "safeguarding.view"),
    ("referral", lambda o: {"pk": o.pk}, "safeguarding.view"),
    ("print", lambda o: {"pk": o.pk}, "safeguarding.print"),
    ("delete", lambda o: {"pk": o.pk}, "safeguarding.view"),
    ("pupil_chronology", lambda o: {"pk": o.pupil_id}, "safeguarding.view_chronology"),
    ("school", lambda o: {"pk": o.school_id}, "safeguarding.view_access_record"),
]


@pytest.mark.parametrize(("name", "kwargs", "action"), GET_VIEWS, ids=[view[0] for view in GET_VIEWS])
def test_every_view_writes_one_access_record_entry(client, designated, school_admin, concern, name, kwargs, action):
    """Opening any concern screen adds exactly one entry to the access record, naming who and which school."""
    ModelLogEntry.objects.all().delete()
    user = school_admin if name == "school" else designated
    client.force_login(user)
    assert client.get(reverse(f"safeguarding:{name}", kwargs=kwargs(concern))).status_code == 200
    [entry] = ModelLogEntry.objects.filter(action__startswith="safeguarding.")
    assert (entry.action, entry.user_id, entry.data["school"]) == (action, user.pk, concern.school_id)


POSTS = [
    ("add_note", {"text": "Spoke to the child."}, "safeguarding.add_note"),
    ("update", {"status": "in_progress", "urgency": "urgent"}, "safeguarding.update"),
    (
        "referral",
        {"agency": "police", "reported_at": "2026-01-05T10:00", "reported_by": "Ms Wang"},
        "safeguarding.record_referral",
    ),
]


@pytest.mark.parametrize(("name", "data", "action"), POSTS, ids=[post[0] for post in POSTS])
def test_every_edit_writes_one_access_record_entry(client, designated, concern, name, data, action):
    """Each change to a concern adds exactly one entry to the access record."""
    ModelLogEntry.objects.all().delete()
    client.force_login(designated)
    client.post(reverse(f"safeguarding:{name}", kwargs={"pk": concern.pk}), data)
    assert _entries() == [action]


def test_access_record_never_carries_the_childs_name_or_words(client, designated, concern):
    """The access record names the concern by number only: editors who can read Wagtail's logs learn nothing."""
    client.force_login(designated)
    client.get(concern.get_absolute_url())
    for entry in ModelLogEntry.objects.filter(action__startswith="safeguarding."):
        text = f"{entry.label} {entry.data}"
        assert concern.child_name not in text and "UNIQUE-WORDS" not in text


def test_school_admin_sees_the_access_record(client, school_admin, designated, concern):
    """The school admin's safeguarding page lists who opened which concern."""
    client.force_login(designated)
    client.get(concern.get_absolute_url())
    client.force_login(school_admin)
    html = client.get(reverse("safeguarding:school", kwargs={"pk": concern.school_id})).content.decode()
    assert designated.email in html and "Viewed a concern" in html


# ---- retention --------------------------------------------------------------------------------------


def test_purging_the_class_keeps_the_concern(concern, request_concern, pupil, settings):
    """An archived class purged after its retention period takes its pupils, never their concerns."""
    classroom = pupil.classroom
    classroom.archived_at = timezone.now() - timedelta(days=settings.CLASSROOM_RETENTION_DAYS + 1)
    classroom.save()
    assert purge_archived_classrooms() == 1
    kept = Concern.objects.filter(pk__in=[concern.pk, request_concern.pk])
    assert kept.count() == 2
    assert {(c.pupil_id, c.child_name, c.class_name) for c in kept} == {(None, pupil.display_name, classroom.name)}
    assert Concern.objects.get(pk=concern.pk).actions.exists()


def test_deleting_the_pupil_keeps_the_concern(concern, pupil):
    """Deleting a pupil (and their account) leaves the concern with the name it was recorded under."""
    delete_pupil(pupil=pupil)
    concern.refresh_from_db()
    assert concern.pupil_id is None and concern.child_name == pupil.display_name


def _close(concern, *, years_ago):
    Concern.objects.filter(pk=concern.pk).update(
        status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=round(365.25 * years_ago) + 1)
    )


def test_open_or_recent_concerns_cannot_be_deleted(client, designated, concern):
    """Designated staff cannot delete an open concern, nor a closed one inside the retention period."""
    client.force_login(designated)
    url = reverse("safeguarding:delete", kwargs={"pk": concern.pk})
    client.post(url, {"reason": "No longer needed"})
    _close(concern, years_ago=1)
    client.post(url, {"reason": "No longer needed"})
    assert Concern.objects.filter(pk=concern.pk).exists()


def test_deletion_after_retention_is_a_recorded_decision(client, designated, concern, school):
    """After the school's retention period, designated staff delete with a reason; the decision is kept."""
    SchoolSafeguarding.objects.create(school=school, retention_years=2)
    _close(concern, years_ago=2)
    client.force_login(designated)
    url = reverse("safeguarding:delete", kwargs={"pk": concern.pk})
    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is required
    assert client.post(url, {"reason": "Retention period over; reviewed."}).status_code == 302
    assert not Concern.objects.filter(pk=concern.pk).exists()
    decision = ConcernDeletion.objects.get()
    assert (decision.concern_number, decision.decided_by, decision.reason) == (
        concern.pk,
        designated,
        "Retention period over; reviewed.",
    )
    assert "safeguarding.delete" in _entries()


def test_school_admin_who_is_not_designated_cannot_delete(client, school_admin, concern):
    """Deletion is for designated staff only, even after the retention period."""
    _close(concern, years_ago=30)
    client.force_login(school_admin)
    assert client.post(reverse("safeguarding:delete", kwargs={"pk": concern.pk}), {"reason": "x"}).status_code == 404
    assert Concern.objects.filter(pk=concern.pk).exists()


def test_default_retention_is_twenty_years(concern):
    """Without a school setting, a closed concern is kept 20 years (docs/safeguarding.md)."""
    from safeguarding.queries import deletable_from

    _close(concern, years_ago=0)
    concern.refresh_from_db()
    assert (deletable_from(concern) - concern.closed_at).days == round(365.25 * 20)


def test_concerns_of_a_school_block_deleting_the_school(concern, school):
    """A school with concerns cannot be deleted by accident: the concerns protect it."""
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        school.delete()
    assert Concern.objects.filter(pk=concern.pk).exists()


def test_pupil_request_is_stored_once_per_key(pupil):
    """The service itself stores one request per form key, however often it is called."""
    key = uuid.uuid4()
    first, created = services.submit_pupil_request(pupil=pupil, key=key, wants="anyone")
    again, created_again = services.submit_pupil_request(pupil=pupil, key=key, wants="anyone")
    assert (first.pk, created, created_again) == (again.pk, True, False)
