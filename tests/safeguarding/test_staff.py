"""The staff side: recording a concern, the queue, notifications, referrals, overdue, the dashboard and designation."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from classrooms.models import Membership
from safeguarding import services
from safeguarding.models import Agency, Concern, Referral, Status
from tests.factories import ClassroomFactory


def _record_data(about, **extra):
    return {
        "key": str(uuid.uuid4()),
        "school": about.classroom.school_id,
        "pupil": about.pk,
        "child_words": "He said I must not tell anyone",
        "occurred_at": "2026-01-05T09:30",
        "location": "Classroom 2A",
        "present": "Only me",
        "actions_taken": "Listened, wrote it down",
        "urgency": "urgent",
        **extra,
    }


def _talk(client, pupil, **data):
    client.force_login(pupil.user)
    key = str(client.get(reverse("safeguarding:talk")).context["form"]["key"].value())
    return client.post(reverse("safeguarding:talk"), {"key": key, "who": "anyone", **data})


def test_pupil_request_reaches_designated_staff_and_no_other_teacher(
    client, pupil, teacher, other_teacher, designated, school_admin
):
    """A pupil's request is in the designated staff's (and school admin's) queue, and in no teacher's."""
    _talk(client, pupil, topic="online")
    url = Concern.objects.get().get_absolute_url()
    for user, sees in [(designated, True), (school_admin, True), (teacher, False), (other_teacher, False)]:
        client.force_login(user)
        assert (url in client.get(reverse("safeguarding:queue")).content.decode()) is sees, user.email


def test_teacher_records_a_concern_in_the_childs_words(client, teacher, pupil):
    """A teacher's record keeps the child's exact words, when, where, who was present and what they did."""
    client.force_login(teacher)
    response = client.post(reverse("safeguarding:record"), _record_data(pupil))
    concern = Concern.objects.get()
    assert response.url == concern.get_absolute_url()
    assert concern.child_words == "He said I must not tell anyone"
    assert (concern.location, concern.present, concern.child_name) == ("Classroom 2A", "Only me", pupil.display_name)
    assert concern.created_by == teacher and concern.urgency == "urgent"


def test_double_submit_of_a_record_stores_one_concern(client, teacher, pupil):
    """The same record form posted twice stores one concern."""
    client.force_login(teacher)
    data = _record_data(pupil)
    client.post(reverse("safeguarding:record"), data)
    client.post(reverse("safeguarding:record"), data)
    assert Concern.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"child_words": "   "}, "child_words"),
        ({"child_words": "x" * 5001}, "child_words"),
        ({"pupil": "", "child_name": ""}, "child_name"),
        ({"occurred_at": "2999-01-01T00:00"}, "occurred_at"),
        ({"occurred_at": "yesterday"}, "occurred_at"),
        ({"key": "not-a-key"}, None),
    ],
)
def test_bad_record_input_is_answered_with_a_message(client, teacher, pupil, change, field):
    """Empty, oversized or malformed input re-shows the form with the problem named; never a 500."""
    client.force_login(teacher)
    response = client.post(reverse("safeguarding:record"), _record_data(pupil, **change))
    if field is None:
        assert response.status_code == 302  # a broken key only costs the double-submit protection
    else:
        assert response.status_code == 200 and field in response.context["form"].errors
        assert not Concern.objects.exists()


def test_another_schools_pupil_is_not_found(client, teacher, pupil, other_school):
    """Recording a concern about a pupil of another school (or an unknown id) is 404 and stores nothing."""
    stranger = ClassroomFactory(school=other_school, grade=3, pupils=1, name="Elsewhere").pupils.get()
    client.force_login(teacher)
    assert client.post(reverse("safeguarding:record"), _record_data(pupil, pupil=stranger.pk)).status_code == 404
    assert client.post(reverse("safeguarding:record"), _record_data(pupil, pupil=999999)).status_code == 404
    assert not Concern.objects.exists()


def test_notification_says_only_that_a_concern_needs_attention(client, older_pupil, designated):
    """The email to designated staff has a link and no pupil name, class or words."""
    _talk(client, older_pupil, topic="touched", text="SECRET-WORDS from the child")
    [message] = mail.outbox
    assert message.to == [designated.email]
    text = message.subject + message.body
    assert "needs your attention" in text and Concern.objects.get().get_absolute_url() in text
    for secret in (older_pupil.display_name, older_pupil.classroom.name, "SECRET-WORDS", "touched"):
        assert secret not in text


def test_staff_record_notification_carries_no_content(client, teacher, pupil, designated):
    """A teacher's record notifies designated staff without the child's name or words."""
    client.force_login(teacher)
    client.post(reverse("safeguarding:record"), _record_data(pupil))
    [message] = mail.outbox
    assert pupil.display_name not in message.body and "must not tell" not in message.body


def test_school_without_designated_staff_notifies_the_school_admin(client, pupil, designated, school_admin):
    """While a school has no designated staff, its school admins get the notification."""
    Membership.objects.filter(user=designated).update(is_designated=False)
    _talk(client, pupil)
    assert mail.outbox[0].to == [school_admin.email]


def test_email_failure_keeps_the_concern_in_the_queue(client, pupil, designated, settings, caplog):
    """The mail server being down loses nothing: the pupil is told it was sent, the concern is in the queue."""
    settings.MAILERS = {"default": {"BACKEND": "tests.safeguarding.failing_email.EmailBackend"}}
    response = _talk(client, pupil, topic="hurt")
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert "notification email could not be sent" in caplog.text
    client.force_login(designated)
    assert concern.get_absolute_url() in client.get(reverse("safeguarding:queue")).content.decode()


def test_opening_a_request_marks_it_seen_with_who_and_when(client, designated, request_concern):
    """Designated staff opening a new request moves it to "seen" and adds a dated line with their name."""
    client.force_login(designated)
    client.get(request_concern.get_absolute_url())
    request_concern.refresh_from_db()
    assert request_concern.status == Status.SEEN and request_concern.seen_at is not None
    assert request_concern.actions.filter(kind="seen", by=designated).exists()


def test_teacher_opening_their_record_does_not_mark_it_seen(client, teacher, concern):
    """Only designated staff (or the school admin) make a concern "seen"."""
    client.force_login(teacher)
    client.get(concern.get_absolute_url())
    concern.refresh_from_db()
    assert concern.status == Status.NEW and concern.seen_at is None


def test_recorder_may_add_to_their_concern(client, teacher, concern):
    """The teacher who recorded a concern can add to it; the line carries their name and the time."""
    client.force_login(teacher)
    client.post(reverse("safeguarding:add_note", kwargs={"pk": concern.pk}), {"text": "She came back at lunch."})
    note = concern.actions.get(kind="note")
    assert note.text == "She came back at lunch." and note.by == teacher and note.by_name == "Lin Teacher"


def test_empty_note_is_refused(client, teacher, concern):
    """An empty note re-shows the concern with the problem named."""
    client.force_login(teacher)
    response = client.post(reverse("safeguarding:add_note", kwargs={"pk": concern.pk}), {"text": "   "})
    assert response.status_code == 200 and response.context["note_form"].errors
    assert not concern.actions.filter(kind="note").exists()


def test_designated_staff_record_a_police_report(client, designated, concern):
    """The mandatory-reporting record: police, time, by whom, reference; the concern becomes "referred"."""
    client.force_login(designated)
    response = client.post(
        reverse("safeguarding:referral", kwargs={"pk": concern.pk}),
        {"agency": "police", "reported_at": "2026-01-05T10:00", "reported_by": "Ms Wang", "reference": "JJ-2026-17"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.agency, referral.reported_by, referral.reference) == ("police", "Ms Wang", "JJ-2026-17")
    concern.refresh_from_db()
    assert concern.status == Status.REFERRED
    html = client.get(reverse("safeguarding:print", kwargs={"pk": concern.pk})).content.decode()
    assert "JJ-2026-17" in html and "He said" not in html and "UNIQUE-WORDS" in html


def test_status_changes_are_dated_and_signed(client, designated, concern):
    """Designated staff close a concern; the chronology shows who did it and when."""
    client.force_login(designated)
    client.post(
        reverse("safeguarding:update", kwargs={"pk": concern.pk}),
        {"status": "closed", "urgency": "routine", "note": "Family supported."},
    )
    concern.refresh_from_db()
    assert concern.status == Status.CLOSED and concern.closed_at is not None
    kinds = list(concern.actions.filter(by=designated).values_list("kind", flat=True))
    assert kinds == ["status", "note"]


def test_invalid_status_is_refused(client, designated, concern):
    """An unknown status re-shows the concern with an error and changes nothing."""
    client.force_login(designated)
    response = client.post(
        reverse("safeguarding:update", kwargs={"pk": concern.pk}), {"status": "gone", "urgency": "x"}
    )
    assert response.status_code == 200
    concern.refresh_from_db()
    assert concern.status == Status.NEW


# ---- overdue ----------------------------------------------------------------------------------------


def _with_risk(concern, minutes_ago):
    Concern.objects.filter(pk=concern.pk).update(risk_reported_at=timezone.now() - timedelta(minutes=minutes_ago))
    return Concern.objects.with_police_report().get(pk=concern.pk)


def test_risk_without_police_report_after_an_hour_is_overdue(concern):
    """A reported risk with no police report recorded is overdue after an hour, not before."""
    assert not _with_risk(concern, 59).is_overdue
    assert _with_risk(concern, 61).is_overdue
    assert list(Concern.objects.overdue()) == [concern]


def test_police_report_ends_overdue(concern, designated):
    """Recording the police report ends the overdue state; another agency alone does not."""
    _with_risk(concern, 90)
    services.record_referral(
        concern=concern, user=designated, agency=Agency.EDUCATION, reported_at=timezone.now(), reported_by="Ms Wang"
    )
    assert _with_risk(concern, 90).is_overdue
    services.record_referral(
        concern=concern, user=designated, agency=Agency.POLICE, reported_at=timezone.now(), reported_by="Ms Wang"
    )
    assert not _with_risk(concern, 90).is_overdue
    assert not Concern.objects.overdue().exists()


def test_no_risk_is_never_overdue(concern):
    """A concern without a reported risk is never overdue, however old."""
    Concern.objects.filter(pk=concern.pk).update(created_at=timezone.now() - timedelta(days=3))
    assert not Concern.objects.with_police_report().get(pk=concern.pk).is_overdue


def test_overdue_banner_on_queue_and_dashboard(client, designated, concern):
    """Designated staff see the overdue banner on the queue, the concern and their dashboard."""
    _with_risk(concern, 120)
    client.force_login(designated)
    for url in (reverse("safeguarding:queue"), concern.get_absolute_url(), reverse("classrooms:dashboard")):
        assert "no police report recorded" in client.get(url).content.decode() or "no report to the police" in (
            client.get(url).content.decode()
        ), url


# ---- dashboard, designation, queue cost --------------------------------------------------------------


def test_dashboard_says_when_a_school_has_no_designated_staff(client, teacher, school, designated):
    """A school without designated staff is told so on its teachers' dashboard."""
    client.force_login(teacher)
    assert "has no designated safeguarding staff" not in client.get(reverse("classrooms:dashboard")).content.decode()
    Membership.objects.filter(user=designated).update(is_designated=False)
    assert "has no designated safeguarding staff" in client.get(reverse("classrooms:dashboard")).content.decode()


def test_school_admin_names_designated_staff(client, school_admin, teacher, school):
    """The school admin makes a teacher designated staff with the name pupils know; a teacher stays a teacher."""
    client.force_login(school_admin)
    url = reverse("safeguarding:school", kwargs={"pk": school.pk})
    formset = client.get(url).context["formset"]
    data = {
        "staff-TOTAL_FORMS": str(len(formset.forms)),
        "staff-INITIAL_FORMS": str(len(formset.forms)),
        "retention-retention_years": "25",
    }
    for index, form in enumerate(formset.forms):
        member = form.instance
        data[f"staff-{index}-id"] = str(member.pk)
        if member.is_designated or member.user == teacher:
            data[f"staff-{index}-is_designated"] = "on"
        data[f"staff-{index}-name_for_pupils"] = "李老师" if member.user == teacher else member.name_for_pupils
    assert client.post(url, data).status_code == 302
    membership = Membership.objects.get(user=teacher, school=school)
    assert membership.is_designated and membership.role == "teacher" and membership.name_for_pupils == "李老师"
    assert school.safeguarding.retention_years == 25
    assert ModelLogEntry.objects.filter(action="safeguarding.designate").count() == 1


def test_queue_query_count_does_not_grow(client, designated, classroom, django_assert_max_num_queries):
    """The queue costs the same queries for 3 concerns as for 30."""
    pupils = list(classroom.pupils.all())
    client.force_login(designated)

    def add(count):
        for number in range(count):
            services.submit_pupil_request(pupil=pupils[number % len(pupils)], key=uuid.uuid4(), wants="anyone")

    add(3)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("safeguarding:queue"))
    add(27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("safeguarding:queue"))
    assert len(response.context["concerns"]) == 30
