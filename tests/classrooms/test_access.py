"""Every classrooms URL for every kind of visitor: anonymous, pupil, the class's teacher, a teacher of
another school and the school admin. Other people's objects answer 404, never 403."""

import pytest
from django.urls import reverse

from classrooms.services import roster, staff

from .conftest import type_number

ANON, PUPIL, TEACHER, OTHER, ADMIN = "anonymous", "pupil", "teacher", "other", "admin"
STAFF_ONLY = {ANON: 302, PUPIL: 404, TEACHER: 200, OTHER: 404, ADMIN: 200}
ANY_STAFF = {ANON: 302, PUPIL: 404, TEACHER: 200, OTHER: 200, ADMIN: 200}
STAFF_POST = {ANON: 302, PUPIL: 404, TEACHER: 302, OTHER: 404, ADMIN: 302}
ADMIN_POST = {ANON: 302, PUPIL: 404, TEACHER: 404, OTHER: 404, ADMIN: 302}
PUBLIC = dict.fromkeys((ANON, PUPIL, TEACHER, OTHER, ADMIN), 200)

CLASS = lambda o: {"pk": o["classroom"].pk}  # noqa: E731
PUPIL_PK = lambda o: {"pk": o["pupil"].pk}  # noqa: E731

GET_CASES = [
    ("dashboard", lambda o: {}, ANY_STAFF),
    ("classroom_create", lambda o: {}, ANY_STAFF),
    (
        "school",
        lambda o: {"pk": o["classroom"].school_id},
        {ANON: 302, PUPIL: 404, TEACHER: 404, OTHER: 404, ADMIN: 200},
    ),
    ("progress:class_progress", CLASS, STAFF_ONLY),
    ("progress:class_export", CLASS, STAFF_ONLY),
    ("pupils", CLASS, STAFF_ONLY),
    ("login_cards", CLASS, STAFF_ONLY),
    ("progress:assign", CLASS, STAFF_ONLY),
    ("progress:assignment", lambda o: {"pk": o["classroom"].pk, "assignment_pk": o["assignment"].pk}, STAFF_ONLY),
    ("classroom_settings", CLASS, STAFF_ONLY),
    ("devices_only", CLASS, STAFF_ONLY),
    (
        "school_second_factor",
        lambda o: {"pk": o["classroom"].school_id},
        {ANON: 302, PUPIL: 404, TEACHER: 404, OTHER: 404, ADMIN: 200},
    ),
    ("classroom_delete", CLASS, STAFF_ONLY),
    ("pupil", PUPIL_PK, STAFF_ONLY),
    ("pupil_delete", PUPIL_PK, STAFF_ONLY),
    ("progress:pupil_export", PUPIL_PK, STAFF_ONLY),
    ("confirm_identity", lambda o: {}, ANY_STAFF),
    ("password_change", lambda o: {}, ANY_STAFF),
    ("second_factor", lambda o: {}, ANY_STAFF),
    ("second_factor_enrol", lambda o: {}, ANY_STAFF),
    ("staff_login", lambda o: {}, PUBLIC),
    ("password_reset", lambda o: {}, PUBLIC),
    ("pupil_login", lambda o: {}, {**PUBLIC, PUPIL: 302}),
    ("sign_in_board", CLASS, STAFF_ONLY),
    ("pupil_names", lambda o: {"code": o["classroom"].code}, PUBLIC),
    # The browser gave the number already (below): the number page goes on to the class list.
    ("pupil_number", lambda o: {"code": o["classroom"].code}, dict.fromkeys((ANON, PUPIL, TEACHER, OTHER, ADMIN), 302)),
    ("pupil_password", lambda o: {"code": o["classroom"].code, "pupil_pk": o["pupil"].pk}, PUBLIC),
    ("pupil_token_login", lambda o: {"token": o["pupil"].login_token}, PUBLIC),
    ("progress:my_lessons", lambda o: {}, {ANON: 302, PUPIL: 200, TEACHER: 302, OTHER: 302, ADMIN: 302}),
]

POST_CASES = [
    ("classroom_action", lambda o: {"pk": o["classroom"].pk, "action": "code"}, STAFF_POST),
    ("classroom_action", lambda o: {"pk": o["classroom"].pk, "action": "archive"}, STAFF_POST),
    ("classroom_action", lambda o: {"pk": o["classroom"].pk, "action": "close"}, STAFF_POST),
    ("classroom_action", lambda o: {"pk": o["classroom"].pk, "action": "number"}, STAFF_POST),
    ("pupil_action", lambda o: {"pk": o["pupil"].pk, "action": "reset"}, STAFF_POST),
    ("pupil_action", lambda o: {"pk": o["pupil"].pk, "action": "unlock"}, STAFF_POST),
    (
        "progress:assignment_remove",
        lambda o: {"pk": o["classroom"].pk, "assignment_pk": o["assignment"].pk},
        STAFF_POST,
    ),
    ("classroom_delete", CLASS, STAFF_POST),
    ("pupil_delete", PUPIL_PK, STAFF_POST),
    ("sign_out", lambda o: {}, dict.fromkeys((ANON, PUPIL, TEACHER, OTHER, ADMIN), 302)),
    ("devices_only", CLASS, STAFF_POST),
    ("school_second_factor", lambda o: {"pk": o["classroom"].school_id}, ADMIN_POST),
    ("member_remove", lambda o: {"pk": o["classroom"].school_id, "member": o["membership"].pk}, ADMIN_POST),
    ("invitation_revoke", lambda o: {"pk": o["classroom"].school_id, "invitation": o["invitation"].pk}, ADMIN_POST),
    (
        "class_teacher",  # posted without a member: the admin's answer is 404 too, nobody changes anything
        lambda o: {"pk": o["classroom"].school_id, "classroom": o["classroom"].pk, "action": "remove"},
        {**ADMIN_POST, ADMIN: 404},
    ),
]


@pytest.fixture
def objects(client, classroom, pupil, assignment, teacher, other_teacher, other_school_class, school_admin):
    """Everyone visits from the room, in a browser that typed the class's sign-in number."""
    roster.enable_qr_sign_in(classroom=classroom)
    type_number(client, classroom)
    pupil.refresh_from_db()
    return {
        "membership": teacher.memberships.get(school=classroom.school),
        "invitation": staff.invite_staff(school=classroom.school, email="new@example.com", role="teacher"),
        "classroom": classroom,
        "pupil": pupil,
        "assignment": assignment,
        "users": {ANON: None, PUPIL: pupil.user, TEACHER: teacher, OTHER: other_teacher, ADMIN: school_admin},
    }


def _sign_in(client, user):
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("who", [ANON, PUPIL, TEACHER, OTHER, ADMIN])
@pytest.mark.parametrize(("name", "kwargs", "expected"), GET_CASES, ids=[case[0] for case in GET_CASES])
def test_get_answers_each_visitor_as_expected(client, objects, who, name, kwargs, expected):
    """Each screen answers each kind of visitor with the expected status; another school's ids are 404."""
    _sign_in(client, objects["users"][who])
    response = client.get(reverse(name if ":" in name else f"classrooms:{name}", kwargs=kwargs(objects)))
    assert response.status_code == expected[who]


@pytest.mark.parametrize("who", [ANON, PUPIL, TEACHER, OTHER, ADMIN])
@pytest.mark.parametrize(
    ("name", "kwargs", "expected"), POST_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(POST_CASES)]
)
def test_post_answers_each_visitor_as_expected(client, objects, who, name, kwargs, expected):
    """Each action answers each kind of visitor with the expected status; nobody outside the school changes anything."""
    _sign_in(client, objects["users"][who])
    response = client.post(reverse(name if ":" in name else f"classrooms:{name}", kwargs=kwargs(objects)))
    assert response.status_code == expected[who]


def test_anonymous_staff_screens_redirect_to_the_teacher_sign_in(client, classroom):
    """An anonymous visitor is sent to the teacher sign-in, which brings them back afterwards."""
    url = reverse("progress:class_progress", kwargs={"pk": classroom.pk})
    response = client.get(url)
    assert response.url.startswith(reverse("classrooms:staff_login")) and "next=" in response.url


def test_teacher_of_the_same_school_does_not_see_a_colleagues_class(client, school, classroom):
    """A teacher sees only the classes they teach; the school admin sees all of the school's."""
    from classrooms.models import Membership
    from tests.factories import UserFactory

    colleague = UserFactory()
    Membership.objects.create(user=colleague, school=school)
    client.force_login(colleague)
    assert client.get(reverse("progress:class_progress", kwargs={"pk": classroom.pk})).status_code == 404


def test_former_member_loses_access(client, teacher, classroom):
    """A teacher who leaves the school no longer sees its classes, even the ones they taught."""
    teacher.memberships.all().delete()
    client.force_login(teacher)
    assert client.get(reverse("progress:class_progress", kwargs={"pk": classroom.pk})).status_code == 404


@pytest.mark.parametrize(
    "name", ["progress:class_progress", "classrooms:pupils", "classrooms:login_cards", "progress:class_export"]
)
def test_pupil_data_pages_are_never_stored(client, teacher, classroom, name):
    """Pages that show pupil data send Cache-Control: no-store."""
    client.force_login(teacher)
    response = client.get(reverse(name, kwargs={"pk": classroom.pk}))
    assert "no-store" in response["Cache-Control"]


def test_my_lessons_is_never_stored(client, pupil):
    """A pupil's own page is not kept by the browser or a proxy either."""
    client.force_login(pupil.user)
    assert "no-store" in client.get(reverse("progress:my_lessons"))["Cache-Control"]


def test_archived_class_code_does_not_work(client, classroom):
    """Pupils of an archived class cannot reach the name list: they get the page of a closed class."""
    roster.archive_classroom(classroom=classroom)
    response = client.get(reverse("classrooms:pupil_names", kwargs={"code": classroom.code}))
    assert response.templates[0].name == "classrooms/pupil_closed.html"
    assert "Pupil 1" not in response.content.decode()


def test_dashboard_lists_only_the_teachers_own_classes(client, teacher, other_teacher, classroom, other_school_class):
    """Each teacher's home lists their classes and never another school's."""
    client.force_login(other_teacher)
    listed = client.get(reverse("classrooms:dashboard")).context["classrooms"]
    assert listed == [other_school_class]
