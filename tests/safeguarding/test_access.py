"""Every safeguarding URL for every role: anonymous, pupil, the teacher who recorded the concern, another
teacher of the same school, designated staff, the school admin, another school's staff and a superuser
editor. Other people's concerns answer 404, never 403."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

ANON, PUPIL, RECORDER, COLLEAGUE, DESIGNATED, ADMIN, ELSEWHERE, EDITOR = (
    "anonymous",
    "pupil",
    "recorder",
    "colleague",
    "designated",
    "admin",
    "elsewhere",
    "editor",
)
ROLES = [ANON, PUPIL, RECORDER, COLLEAGUE, DESIGNATED, ADMIN, ELSEWHERE, EDITOR]


def expect(ok, *, ok_status=200, who=()):
    """`who` get `ok_status`; anonymous visitors go to the sign-in page; everyone else gets 404."""
    return {role: ok_status if role in who else 302 if role == ANON else 404 for role in ROLES}


ANY_MEMBER = (RECORDER, COLLEAGUE, DESIGNATED, ADMIN, ELSEWHERE)
CAN_SEE = (RECORDER, DESIGNATED, ADMIN)
MANAGES = (DESIGNATED, ADMIN)

CONCERN = lambda o: {"pk": o["concern"].pk}  # noqa: E731
REQUEST = lambda o: {"pk": o["request_concern"].pk}  # noqa: E731

GET_CASES = [
    ("queue", lambda o: {}, expect(True, who=ANY_MEMBER)),
    ("record", lambda o: {}, expect(True, who=ANY_MEMBER)),
    ("concern", CONCERN, expect(True, who=CAN_SEE)),
    ("concern", REQUEST, expect(True, who=MANAGES)),
    ("referral", CONCERN, expect(True, who=CAN_SEE)),
    ("referral", REQUEST, expect(True, who=MANAGES)),
    ("print", CONCERN, expect(True, who=CAN_SEE)),
    ("print", REQUEST, expect(True, who=MANAGES)),
    ("delete", CONCERN, expect(True, who=(DESIGNATED,))),
    ("pupil_chronology", lambda o: {"pk": o["pupil"].pk}, expect(True, who=MANAGES)),
    ("school", lambda o: {"pk": o["school"].pk}, expect(True, who=(ADMIN,))),
    ("school", lambda o: {"pk": o["other_school"].pk}, expect(True, who=(ELSEWHERE,))),
    (
        "talk",
        lambda o: {},
        {role: 200 if role == PUPIL else 302 for role in ROLES},
    ),
    (
        "talk_sent",
        lambda o: {"key": o["request_concern"].submission_key},
        {role: 200 if role == PUPIL else 302 for role in ROLES},
    ),
]

POST_CASES = [
    ("add_note", CONCERN, {"text": "We talked."}, expect(True, ok_status=302, who=CAN_SEE)),
    ("add_note", REQUEST, {"text": "We talked."}, expect(True, ok_status=302, who=MANAGES)),
    (
        "update",
        CONCERN,
        {"status": "in_progress", "urgency": "urgent"},
        expect(True, ok_status=302, who=MANAGES),
    ),
    (
        "referral",
        CONCERN,
        {"agency": "police", "reported_at": "2026-01-05T10:00", "reported_by": "Lin"},
        expect(True, ok_status=302, who=CAN_SEE),
    ),
    ("delete", CONCERN, {"reason": "Kept long enough."}, expect(True, ok_status=200, who=(DESIGNATED,))),
]


@pytest.fixture
def users(pupil, teacher, other_teacher, designated, school_admin, other_school_staff, other_school):
    return {
        ANON: None,
        PUPIL: pupil.user,
        RECORDER: teacher,
        COLLEAGUE: other_teacher,
        DESIGNATED: designated,
        ADMIN: school_admin,
        ELSEWHERE: other_school_staff,
        EDITOR: UserFactory(is_superuser=True, is_staff=True, email="editor@example.com"),
    }


@pytest.fixture
def objects(school, other_school, pupil, concern, request_concern):
    return {
        "school": school,
        "other_school": other_school,
        "pupil": pupil,
        "concern": concern,
        "request_concern": request_concern,
    }


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(
    ("name", "kwargs", "expected"), GET_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(GET_CASES)]
)
def test_get_answers_each_role_as_expected(client, users, objects, who, name, kwargs, expected):
    """Each safeguarding screen answers each role as the permission table says; others' concerns are 404."""
    if users[who] is not None:
        client.force_login(users[who])
    response = client.get(reverse(f"safeguarding:{name}", kwargs=kwargs(objects)))
    assert response.status_code == expected[who]
    if response.status_code == 200:
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(
    ("name", "kwargs", "data", "expected"), POST_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(POST_CASES)]
)
def test_post_answers_each_role_as_expected(client, users, objects, who, name, kwargs, data, expected):
    """Each safeguarding action answers each role as the permission table says; nobody else changes anything."""
    if users[who] is not None:
        client.force_login(users[who])
    response = client.post(reverse(f"safeguarding:{name}", kwargs=kwargs(objects)), data)
    assert response.status_code == expected[who]


def test_class_teacher_sees_their_own_concern_but_a_colleague_does_not(client, teacher, other_teacher, concern):
    """A teacher who recorded a concern sees it in their list; another teacher of the same school does not."""
    client.force_login(teacher)
    assert concern.get_absolute_url() in client.get(reverse("safeguarding:queue")).content.decode()
    client.force_login(other_teacher)
    assert concern.get_absolute_url() not in client.get(reverse("safeguarding:queue")).content.decode()


def test_former_member_loses_access_to_the_concern_they_recorded(client, teacher, concern):
    """A teacher who leaves the school no longer sees the concerns they recorded there."""
    teacher.memberships.all().delete()
    client.force_login(teacher)
    assert client.get(concern.get_absolute_url()).status_code == 404
