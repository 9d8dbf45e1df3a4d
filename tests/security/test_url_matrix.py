"""Every URL of the site × every role (issue 12). The matrix finds the URL patterns and the routes of routable
pages itself: a new URL without a row here fails `test_every_url_pattern_has_a_row`.

The world: school 1 (class A, pupil A "Amberlyn", a concern, an invitation) and school 2 (class B, pupil B
"Bartholomew"). Every URL points at school 1's objects. Each cell asserts the status, and a 200 answer must not
carry the other school's names; a visitor outside both schools sees neither school's pupils.
"""

import re
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from accounts.groups import EDITORS
from classrooms.models import Membership, Role
from classrooms.services import roster, staff
from core.models import HelpContacts, ReportingProcedure
from lessons.models import AgeBandPage, CurriculumPage, LessonPage
from parents.models import ParentGuidePage, ParentsIndexPage
from progress.services import assign_lessons
from safeguarding import services as concerns
from tests.factories import ClassroomFactory, SchoolFactory, UserFactory

ANON, PUPIL_A, PUPIL_B, TEACHER_1, TEACHER_2, ADMIN_1, EDITOR, SUPERUSER = ROLES = (
    "anonymous",
    "pupil A",
    "pupil B",
    "teacher 1",
    "teacher 2",
    "admin 1",
    "editor",
    "superuser",
)
STAFF = (TEACHER_1, TEACHER_2, ADMIN_1, EDITOR, SUPERUSER)  # signed in with a password (no school for the last two)
SCHOOL_1 = {PUPIL_A, TEACHER_1, ADMIN_1}
SCHOOL_2 = {PUPIL_B, TEACHER_2}
SECRETS = {
    1: ("Amberlyn", "Sunrise Primary", "Class Amber"),
    2: ("Bartholomew", "Riverside Middle", "Class Birch"),
}


def answers(default, **statuses):
    """A row: `default` for every role unless named (role names with spaces written with underscores)."""
    return {role: statuses.get(role.replace(" ", "_"), default) for role in ROLES}


# Who may do what with school 1's objects.
PUBLIC = answers(200)
CLASS_STAFF = answers(404, anonymous=302, teacher_1=200, admin_1=200)  # the class's teacher and the school admin
CLASS_POST = answers(404, anonymous=302, teacher_1=302, admin_1=302)
ADMIN_ONLY = answers(404, anonymous=302, admin_1=200)
ADMIN_POST = answers(404, anonymous=302, admin_1=302)
ANY_STAFF = answers(404, anonymous=302, teacher_1=200, teacher_2=200, admin_1=200, editor=200, superuser=200)
SCHOOL_STAFF = answers(404, anonymous=302, teacher_1=200, teacher_2=200, admin_1=200)
PUPILS_ONLY = answers(302, pupil_A=200, pupil_B=200)
RECORDER_OR_ADMIN = answers(404, anonymous=302, teacher_1=200, admin_1=200)
SIGNED_OUT_ONLY = answers(200, pupil_A=302, pupil_B=302)
ADMIN_AREA = answers(302, editor=200, superuser=200)  # Wagtail's admin: editors only
OPERATOR_ONLY = answers(302, superuser=200)
NOT_FOR_PUPILS = answers(200, pupil_A=302, pupil_B=302)  # the home page and the map send a pupil to My lessons
# The token in these URLs is the credential (an invitation, a pupil's login card): whoever holds it is shown the
# school or the pupil it belongs to, so the leak check does not apply to them.
CREDENTIAL_URLS = {"classrooms:accept_invitation", "classrooms:pupil_token_login"}


def _ids(world):
    return {
        "class": {"pk": world["class_a"].pk},
        "pupil": {"pk": world["pupil_a"].pk},
        "school": {"pk": world["school_1"].pk},
        "concern": {"pk": world["concern"].pk},
    }


# name → (method, kwargs from the world, expected answers). Names are the URL names (namespace:name).
URLS = {
    # Staff sign-in and account screens.
    "classrooms:staff_login": ("get", lambda w: {}, answers(200)),
    "classrooms:password_reset": ("get", lambda w: {}, PUBLIC),
    "classrooms:password_reset_done": ("get", lambda w: {}, PUBLIC),
    "classrooms:password_reset_confirm": ("get", lambda w: {"uidb64": "MQ", "token": "set-password"}, PUBLIC),
    "classrooms:password_reset_complete": ("get", lambda w: {}, PUBLIC),
    "classrooms:accept_invitation": ("get", lambda w: {"token": w["invitation"].token}, PUBLIC),
    "classrooms:confirm_identity": ("get", lambda w: {}, ANY_STAFF),
    "classrooms:password_change": ("get", lambda w: {}, ANY_STAFF),
    "classrooms:second_factor": ("get", lambda w: {}, ANY_STAFF),
    "classrooms:second_factor_enrol": ("get", lambda w: {}, ANY_STAFF),
    "classrooms:sign_out": ("post", lambda w: {}, answers(302)),
    # Teachers' screens.
    "classrooms:dashboard": ("get", lambda w: {}, ANY_STAFF),
    "classrooms:school": ("get", lambda w: _ids(w)["school"], ADMIN_ONLY),
    "classrooms:member_remove": (
        "post",
        lambda w: {**_ids(w)["school"], "member": w["membership"].pk},
        ADMIN_POST,
    ),
    "classrooms:invitation_revoke": (
        "post",
        lambda w: {**_ids(w)["school"], "invitation": w["invitation"].pk},
        ADMIN_POST,
    ),
    "classrooms:class_teacher": (
        "post",
        lambda w: {**_ids(w)["school"], "classroom": w["class_a"].pk, "action": "remove"},
        answers(404, anonymous=302),  # posted without a teacher: nobody changes anything
    ),
    "classrooms:school_second_factor": ("get", lambda w: _ids(w)["school"], ADMIN_ONLY),
    "classrooms:devices_only": ("get", lambda w: _ids(w)["class"], CLASS_STAFF),
    "classrooms:classroom_create": ("get", lambda w: {}, ANY_STAFF),
    "classrooms:pupils": ("get", lambda w: _ids(w)["class"], CLASS_STAFF),
    "classrooms:login_cards": ("get", lambda w: _ids(w)["class"], CLASS_STAFF),
    "classrooms:sign_in_board": ("get", lambda w: _ids(w)["class"], CLASS_STAFF),
    "classrooms:classroom_settings": ("get", lambda w: _ids(w)["class"], CLASS_STAFF),
    "classrooms:classroom_action": ("post", lambda w: {**_ids(w)["class"], "action": "close"}, CLASS_POST),
    "classrooms:device_revoke": (
        "post",
        lambda w: {**_ids(w)["class"], "device_pk": 999999},
        CLASS_POST,  # no such device: nothing is revoked, the class's staff go back to the class page
    ),
    "classrooms:classroom_delete": ("get", lambda w: _ids(w)["class"], CLASS_STAFF),
    "classrooms:pupil": ("get", lambda w: _ids(w)["pupil"], CLASS_STAFF),
    "classrooms:pupil_action": ("post", lambda w: {**_ids(w)["pupil"], "action": "unlock"}, CLASS_POST),
    "classrooms:pupil_delete": ("get", lambda w: _ids(w)["pupil"], CLASS_STAFF),
    "progress:class_progress": ("get", lambda w: _ids(w)["class"], CLASS_STAFF),
    "progress:class_export": ("get", lambda w: _ids(w)["class"], CLASS_STAFF),
    "progress:assign": ("get", lambda w: _ids(w)["class"], CLASS_STAFF),
    "progress:assignment": (
        "get",
        lambda w: {**_ids(w)["class"], "assignment_pk": w["assignment"].pk},
        CLASS_STAFF,
    ),
    "progress:assignment_remove": (
        "post",
        lambda w: {**_ids(w)["class"], "assignment_pk": w["assignment"].pk},
        CLASS_POST,
    ),
    "progress:pupil_progress": ("get", lambda w: _ids(w)["pupil"], CLASS_STAFF),
    "progress:pupil_export": ("get", lambda w: _ids(w)["pupil"], CLASS_STAFF),
    # Pupils' sign-in and screens.
    "classrooms:pupil_login": ("get", lambda w: {}, SIGNED_OUT_ONLY),
    "classrooms:pupil_token_login": ("get", lambda w: {"token": w["pupil_a"].login_token}, PUBLIC),
    "classrooms:pupil_handoff": ("get", lambda w: {"token": "not-a-hand-off"}, answers(404)),
    "classrooms:pupil_names": ("get", lambda w: {"code": w["class_a"].code}, PUBLIC),
    "classrooms:pupil_number": ("get", lambda w: {"code": w["class_a"].code}, PUBLIC),  # closed: "ask your teacher"
    "classrooms:pupil_home_sign_in": ("get", lambda w: {"code": w["class_a"].code}, answers(302)),  # home sign-in off
    "classrooms:pupil_password": (
        "get",
        lambda w: {"code": w["class_a"].code, "pupil_pk": w["pupil_a"].pk},
        PUBLIC,
    ),
    "progress:my_lessons": ("get", lambda w: {}, PUPILS_ONLY),
    "safeguarding:talk": ("get", lambda w: {}, PUPILS_ONLY),
    "safeguarding:talk_sent": (
        "get",
        lambda w: {"key": w["request"].submission_key},
        answers(302, pupil_A=200, pupil_B=404),
    ),
    # Safeguarding (school 1's concern, recorded by teacher 1).
    "safeguarding:queue": ("get", lambda w: {}, SCHOOL_STAFF),
    "safeguarding:record": ("get", lambda w: {}, SCHOOL_STAFF),
    "safeguarding:concern": ("get", lambda w: _ids(w)["concern"], RECORDER_OR_ADMIN),
    "safeguarding:add_note": ("post", lambda w: _ids(w)["concern"], RECORDER_OR_ADMIN),  # empty note: the form again
    "safeguarding:update": ("post", lambda w: _ids(w)["concern"], ADMIN_ONLY),  # empty form: shown again
    "safeguarding:referral": ("get", lambda w: _ids(w)["concern"], RECORDER_OR_ADMIN),
    "safeguarding:print": ("get", lambda w: _ids(w)["concern"], RECORDER_OR_ADMIN),
    "safeguarding:delete": ("get", lambda w: _ids(w)["concern"], ADMIN_ONLY),
    "safeguarding:pupil_chronology": ("get", lambda w: _ids(w)["pupil"], ADMIN_ONLY),
    "safeguarding:school": ("get", lambda w: _ids(w)["school"], ADMIN_ONLY),
    # The public site.
    "search": ("get", lambda w: {}, PUBLIC),
    "wagtailcore_login": ("get", lambda w: {}, PUBLIC),
    "wagtailapi:pages:listing": ("get", lambda w: {}, PUBLIC),
    "wagtailapi:pages:detail": ("get", lambda w: {"pk": w["lesson"].pk}, PUBLIC),
    "core_translations:compare": (
        "get",
        lambda w: {"content_type_id": ContentType.objects.get_for_model(LessonPage).pk, "pk": w["lesson"].pk},
        ADMIN_AREA,
    ),
    # Editors are sent back to the edit screen, everyone else to the admin's sign-in.
    "core_translations:mark_up_to_date": (
        "post",
        lambda w: {"content_type_id": ContentType.objects.get_for_model(LessonPage).pk, "pk": w["lesson"].pk},
        answers(302),
    ),
    "wagtailapi:pages:find": ("get", lambda w: {}, answers(302)),  # no html_path: the home page's record
    # Help contacts and the reporting procedure are never unpublished (core/snippets.py): 404 even for the
    # operator (the language middleware answers the unprefixed 404 with a redirect to the prefixed one).
    "wagtailsnippets_core_helpcontacts:unpublish": (
        "post",
        lambda w: {"pk": HelpContacts.objects.get(locale__language_code="en").pk},
        answers(302),
    ),
    "wagtailsnippets_core_reportingprocedure:unpublish": (
        "post",
        lambda w: {"pk": ReportingProcedure.objects.get(locale__language_code="en").pk},
        answers(302),
    ),
}

# Routes of routable pages (LessonPage) → (path under the lesson, expected answers).
ROUTES = {
    "overview": ("", PUBLIC),
    "index_route": ("", PUBLIC),
    "step": ("step/1/", PUBLIC),
    "present": ("present/", PUBLIC),
    "present_screen": ("present/1/", PUBLIC),
    "presenter": (
        "present/1/presenter/",
        answers(200, anonymous=302, pupil_A=404, pupil_B=404),
    ),  # teacher notes: staff and editors, who write them
    "take_home": ("take-home/", PUBLIC),
    "plan": ("plan/", PUBLIC),
    "quiz": ("quiz/", PUBLIC),
    "quiz_start": ("quiz/start/", answers(302)),
    "quiz_question": ("quiz/{key}/1/", PUBLIC),
    "quiz_result": ("quiz/{key}/result/", answers(302)),  # unfinished: back to the quiz
}

# Patterns from Wagtail and Django themselves, by the first part of their path → a URL standing for them.
FOREIGN = {
    "admin": [
        ("/admin/", ADMIN_AREA),
        ("/admin/pages/", ADMIN_AREA),
        ("/admin/reports/site-history/", ADMIN_AREA),
        ("/admin/users/", OPERATOR_ONLY),
    ],
    "documents": [("/documents/999999/missing.pdf", answers(404))],
    "sitemap.xml": [("/sitemap.xml", PUBLIC)],
    "teach": [],  # password_reset_done / _complete: Django's views, in URLS above
    "_util": [("/zh-hans/_util/authenticate_with_password/999999/999999/", answers(404))],
    "wagtail_serve": [],  # every page type is below in PAGES
}

# One live page of every type, served by wagtail_serve.
PAGES = [CurriculumPage, AgeBandPage, LessonPage, ParentsIndexPage, ParentGuidePage]


def _patterns(resolver=None, prefix="", namespace=None):
    """(path, full name, module) of every URL pattern."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, getattr(entry.callback, "__module__", "")


OURS = ("accounts", "core", "curriculum", "quizzes", "parents", "lessons", "classrooms", "progress")
OURS += ("safeguarding", "home", "contentpack")


def _is_ours(module, name):
    return module.split(".")[0] in OURS or (name or "").startswith(("classrooms:", "progress:", "safeguarding:"))


def test_every_url_pattern_has_a_row():
    """Every URL pattern of the site is in the matrix: ours by name, Wagtail's and Django's by the first part of
    their path; every route of a routable page is in ROUTES."""
    missing = []
    for path, name, module in _patterns():
        if _is_ours(module, name) or name in URLS:
            if name not in URLS:
                missing.append(f"{path} ({name})")
        else:
            first = re.sub(r"^zh-hans/", "", path).split("/")[0]
            key = "wagtail_serve" if name == "wagtail_serve" else first
            if key not in FOREIGN:
                missing.append(f"{path} ({name}, {module})")
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            missing += [f"{model.__name__} route {p.name}" for p in model.get_subpage_urls() if p.name not in ROUTES]
    assert not missing, "Add these to the matrix:\n" + "\n".join(missing)


@pytest.fixture
def world(en):
    """Two schools, each with a class, a pupil and their people; school 1 has progress, a concern and an invitation."""
    teacher_1 = UserFactory(groups=["Teachers"], email="teacher1@example.com")
    admin_1 = UserFactory(groups=["Teachers"], email="admin1@example.com")
    teacher_2 = UserFactory(groups=["Teachers"], email="teacher2@example.com")
    school_1 = SchoolFactory(name=SECRETS[1][1], teacher=teacher_1, admin=admin_1)
    Membership.objects.filter(user=admin_1, school=school_1).update(is_designated=True, name_for_pupils="Ms Wang")
    school_2 = SchoolFactory(name=SECRETS[2][1], teacher=teacher_2)
    Membership.objects.filter(user=teacher_2).update(role=Role.ADMIN, is_designated=True)
    class_a = ClassroomFactory(school=school_1, teacher=teacher_1, grade=2, name=SECRETS[1][2])
    class_b = ClassroomFactory(school=school_2, teacher=teacher_2, grade=2, name=SECRETS[2][2])
    roster.add_pupils(classroom=class_a, names=[SECRETS[1][0]])
    roster.add_pupils(classroom=class_b, names=[SECRETS[2][0]])
    pupil_a, pupil_b = class_a.pupils.get(), class_b.pupils.get()
    roster.enable_qr_sign_in(classroom=class_a)
    pupil_a.refresh_from_db()
    lesson = LessonPage.objects.live().filter(locale=en, grade=2, quiz__isnull=False).order_by("path").first()
    assignment = assign_lessons(classroom=class_a, lessons=[lesson])[0]
    assign_lessons(classroom=class_b, lessons=[lesson])
    concern, _created = concerns.record_concern(
        school=school_1, user=teacher_1, key=uuid.uuid4(), pupil=pupil_a, fields={"child_words": "words"}
    )
    request, _created = concerns.submit_pupil_request(pupil=pupil_a, key=uuid.uuid4(), wants="anyone", topic="online")
    users = {
        ANON: None,
        PUPIL_A: pupil_a.user,
        PUPIL_B: pupil_b.user,
        TEACHER_1: teacher_1,
        TEACHER_2: teacher_2,
        ADMIN_1: admin_1,
        EDITOR: UserFactory(groups=[EDITORS], email="editor@example.com"),
        SUPERUSER: UserFactory(is_superuser=True, is_staff=True, email="operator@example.com"),
    }
    return {
        "users": users,
        "school_1": school_1,
        "class_a": class_a,
        "pupil_a": pupil_a,
        "membership": Membership.objects.get(user=teacher_1, school=school_1),
        "invitation": staff.invite_staff(school=school_1, email="new@example.com", role="teacher"),
        "assignment": assignment,
        "lesson": lesson,
        "concern": concern,
        "request": request,
    }


def _leaks(role, html):
    """The names a role must never see in an answer: the other school's, or both for people of neither school."""
    if role in SCHOOL_1:
        forbidden = SECRETS[2]
    elif role in SCHOOL_2:
        forbidden = SECRETS[1]
    else:
        forbidden = SECRETS[1][:1] + SECRETS[2][:1]  # pupils' names
    return [word for word in forbidden if word in html]


def _walk(world, method, url, expected, *, check_leaks=True):
    """Ask `url` as every role, each in a transaction rolled back afterwards; return the cells that differ."""
    wrong = []
    for role in ROLES:
        cache.clear()
        with transaction.atomic():
            client = Client()
            if world["users"][role] is not None:
                client.force_login(world["users"][role])
            response = getattr(client, method)(url)
            html = response.content.decode(errors="replace") if response.status_code == 200 else ""
            if response.status_code != expected[role]:
                wrong.append(f"{role}: {response.status_code}, expected {expected[role]}")
            elif check_leaks and (leaked := _leaks(role, html)):
                wrong.append(f"{role}: shows {leaked}")
            transaction.set_rollback(True)
    return wrong


@pytest.mark.parametrize("name", sorted(URLS))
def test_url_answers_every_role(world, name):
    """Each URL answers each of the eight roles as the matrix says, and never shows the other school's data."""
    method, kwargs, expected = URLS[name]
    wrong = _walk(world, method, reverse(name, kwargs=kwargs(world)), expected, check_leaks=name not in CREDENTIAL_URLS)
    assert not wrong, f"{name}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_lesson_route_answers_every_role(world, route):
    """Each route of a lesson answers each role as the matrix says."""
    path, expected = ROUTES[route]
    url = world["lesson"].url + path.format(key=uuid.uuid4())
    wrong = _walk(world, "get", url, expected)
    assert not wrong, f"{route}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("prefix", sorted(FOREIGN))
def test_wagtail_and_django_urls_answer_every_role(world, prefix):
    """Wagtail's admin is for editors only (its user list for the operator), and nobody's answer leaks pupils."""
    wrong = []
    for url, expected in FOREIGN[prefix]:
        wrong += [f"{url} {cell}" for cell in _walk(world, "get", url, expected)]
    if prefix == "wagtail_serve":
        for model in PAGES:
            page = model.objects.live().filter(locale__language_code="zh-hans").first()
            expected = PUBLIC if model in (LessonPage, ParentGuidePage, ParentsIndexPage) else NOT_FOR_PUPILS
            wrong += [f"{page.url} {cell}" for cell in _walk(world, "get", page.url, expected)]
        wrong += [f"/zh-hans/ {cell}" for cell in _walk(world, "get", "/zh-hans/", NOT_FOR_PUPILS)]
    assert not wrong, f"{prefix}:\n" + "\n".join(wrong)
