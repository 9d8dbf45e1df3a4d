"""The access record: every view and change of pupil data, every sign-in and access change, exactly once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from classrooms.models import Membership
from classrooms.services import roster
from classrooms.services.audit import ACCESS_RECORD_ACTIONS, audit
from tests.factories import UserFactory

from .conftest import type_number

PASSWORD = "correct horse battery staple"
QUERIES_SCHOOL_PAGE = 22  # measured with 14 members and 13 entries


def entries(action):
    return ModelLogEntry.objects.filter(action=f"classrooms.{action}")


def pupil_url(name, pupil, **kwargs):
    return reverse(name, kwargs={"pk": pupil.pk, **kwargs})


ACTIONS = {
    "view_pupils": lambda c, cls, p: c.get(reverse("classrooms:pupils", kwargs={"pk": cls.pk})),
    "view_pupil": lambda c, cls, p: c.get(pupil_url("classrooms:pupil", p)),
    "print_cards": lambda c, cls, p: c.get(reverse("classrooms:login_cards", kwargs={"pk": cls.pk})),
    "rename_pupil": lambda c, cls, p: c.post(pupil_url("classrooms:pupil", p), {"name": "Renamed"}),
    "reset_password": lambda c, cls, p: c.post(pupil_url("classrooms:pupil_action", p, action="reset")),
    "unlock_pupil": lambda c, cls, p: c.post(pupil_url("classrooms:pupil_action", p, action="unlock")),
    "new_code": lambda c, cls, p: c.post(
        reverse("classrooms:classroom_action", kwargs={"pk": cls.pk, "action": "code"})
    ),
    "archive": lambda c, cls, p: c.post(
        reverse("classrooms:classroom_action", kwargs={"pk": cls.pk, "action": "archive"})
    ),
    "cards_on": lambda c, cls, p: c.post(
        reverse("classrooms:classroom_action", kwargs={"pk": cls.pk, "action": "qr-on"})
    ),
    "cards_off": lambda c, cls, p: c.post(
        reverse("classrooms:classroom_action", kwargs={"pk": cls.pk, "action": "qr-off"})
    ),
    "unlock_class": lambda c, cls, p: c.post(
        reverse("classrooms:classroom_action", kwargs={"pk": cls.pk, "action": "unlock"})
    ),
    "delete_pupil": lambda c, cls, p: c.post(pupil_url("classrooms:pupil_delete", p)),
    "delete_class": lambda c, cls, p: c.post(reverse("classrooms:classroom_delete", kwargs={"pk": cls.pk})),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_action_on_pupil_data_writes_one_entry(client, teacher, classroom, pupil, action):
    """The action writes exactly one entry, naming who, the school and the address it came from."""
    client.force_login(teacher)
    ModelLogEntry.objects.all().delete()
    ACTIONS[action](client, classroom, pupil)
    assert entries(action).count() == 1
    entry = entries(action).get()
    assert entry.user_id == teacher.pk and entry.data["school"] == classroom.school_id
    assert entry.data["address"] == "127.0.0.1"


def test_staff_sign_in_and_failure_are_recorded_once(client, teacher, school):
    """A wrong password and then the right one: one failure (nobody named) and one sign-in in the school's record."""
    url = reverse("classrooms:staff_login")
    client.post(url, {"email": teacher.email, "password": "wrong"})
    client.post(url, {"email": teacher.email, "password": PASSWORD})
    failure, sign_in = entries("sign_in_failed").get(), entries("sign_in").get()
    assert failure.user_id is None and failure.object_id == str(teacher.pk) and failure.data["school"] == school.pk
    assert sign_in.user_id == teacher.pk


def test_pupil_sign_in_and_failure_are_recorded_once(client, classroom, pupil):
    """A pupil's wrong pictures and right pictures each write one entry in the class's record."""
    type_number(client, classroom)
    url = reverse("classrooms:pupil_password", kwargs={"code": classroom.code, "pupil_pk": pupil.pk})
    from classrooms import passwords

    wrong = [key for key in passwords.PICTURES if key not in pupil.picture_keys][:2]
    client.post(url, {"pictures": wrong})
    client.post(url, {"pictures": pupil.picture_keys})
    assert entries("pupil_sign_in_failed").get().data["pupil"] == pupil.pk
    assert entries("pupil_sign_in").get().data["pupil"] == pupil.pk


def test_retention_purge_is_recorded(classroom):
    """The scheduled purge writes one entry per class it deletes, by nobody."""
    roster.archive_classroom(classroom=classroom)
    classroom.archived_at = timezone.now() - timedelta(days=400)
    classroom.save(update_fields=["archived_at"])
    assert roster.purge_archived_classrooms() == 1
    entry = entries("purge").get()
    assert entry.user_id is None and entry.data["school"] == classroom.school_id


def test_access_changes_are_recorded(client, school, school_admin, teacher, classroom):
    """Inviting, revoking, taking off a class and removing a member each write one entry."""
    client.force_login(school_admin)
    client.post(reverse("classrooms:school", kwargs={"pk": school.pk}), {"email": "x@example.com", "role": "teacher"})
    invitation = school.invitations.get(email="x@example.com")
    client.post(reverse("classrooms:invitation_revoke", kwargs={"pk": school.pk, "invitation": invitation.pk}))
    client.post(
        reverse("classrooms:class_teacher", kwargs={"pk": school.pk, "classroom": classroom.pk, "action": "remove"}),
        {"user": teacher.pk},
    )
    membership = Membership.objects.get(user=teacher, school=school)
    client.post(reverse("classrooms:member_remove", kwargs={"pk": school.pk, "member": membership.pk}))
    for action in ["invite", "revoke_invitation", "remove_teacher", "remove_member"]:
        assert entries(action).count() == 1, action


def test_every_recorded_action_is_registered():
    """Each action the record can hold has a label and message the school admin reads."""
    from wagtail.log_actions import registry

    for name in ACCESS_RECORD_ACTIONS:
        assert registry.action_exists(f"classrooms.{name}"), name


def test_school_admin_filters_the_record(client, school, school_admin, teacher, classroom, pupil):
    """Filtering by action, person or pupil shows only matching entries, newest first."""
    client.force_login(teacher)
    client.get(reverse("classrooms:pupil", kwargs={"pk": pupil.pk}))
    client.get(reverse("classrooms:pupils", kwargs={"pk": classroom.pk}))
    client.force_login(school_admin)
    url = reverse("classrooms:school", kwargs={"pk": school.pk})
    by_action = client.get(url, {"action": "view_pupil"}).context["log"]
    assert [entry.action for entry in by_action] == ["classrooms.view_pupil"]
    by_person = client.get(url, {"person": teacher.pk}).context["log"]
    assert {entry.user_id for entry in by_person} == {teacher.pk} and len(by_person) >= 2
    by_pupil = client.get(url, {"pupil": pupil.pk}).context["log"]
    assert {entry.data.get("pupil") for entry in by_pupil} == {pupil.pk}


def test_other_schools_record_is_not_shown(client, school_admin, school, other_school_class):
    """A school admin never sees another school's entries."""
    other_teacher = other_school_class.teachers.get()
    client.force_login(other_teacher)
    client.get(reverse("classrooms:pupils", kwargs={"pk": other_school_class.pk}))
    client.force_login(school_admin)
    log = client.get(reverse("classrooms:school", kwargs={"pk": school.pk})).context["log"]
    assert all(entry.data["school"] == school.pk for entry in log)
    assert not any(entry.label == other_school_class.name for entry in log)


def test_the_record_cannot_be_edited_in_the_app(client, school_admin, school):
    """The school page's access record has no form that writes: only the GET filter (and paging links)."""
    client.force_login(school_admin)
    html = client.get(reverse("classrooms:school", kwargs={"pk": school.pk})).content.decode()
    record = html.split('id="audit-title"')[1]
    assert 'method="get"' in record and 'method="post"' not in record


def test_school_page_costs_the_same_queries_for_more_staff_and_entries(
    client, school, school_admin, classroom, django_assert_max_num_queries
):
    """Members, their classes and a page of the record cost a fixed number of queries however many there are."""
    for _ in range(12):
        member = Membership.objects.create(user=UserFactory(), school=school).user
        classroom.teachers.add(member)
        audit(action="view_pupils", user=member, classroom=classroom)
    client.force_login(school_admin)
    with django_assert_max_num_queries(QUERIES_SCHOOL_PAGE):
        response = client.get(reverse("classrooms:school", kwargs={"pk": school.pk}))
    assert len(response.context["members"]) == 14 and len(response.context["log"]) == 13  # 12 views, 1 sign-in
