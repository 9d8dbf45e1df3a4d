"""The load test's school: `setup` makes one school of N classes × M pupils (with QR card tokens), a teacher
per class with a signed-in session, and one lesson with a quiz assigned to every class, and writes the plan
for the Locust file as JSON; `count` counts the quiz answers in the database afterwards.

Run with the server's settings: DJANGO_SETTINGS_MODULE=... python scripts/load/school.py setup --out plan.json
"""

import argparse
import json
import sys
from importlib import import_module
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count  # noqa: E402

from classrooms.models import Membership, Pupil, Role, School  # noqa: E402
from classrooms.services import roster, staff  # noqa: E402
from core.caching import purge_site  # noqa: E402
from lessons.models import LessonPage  # noqa: E402
from progress.services import assign_lessons  # noqa: E402
from quizzes.models import Answer, Quiz  # noqa: E402

SCHOOL = "Load test school"
LANGUAGE = "en"


def teacher_session(user):
    """A signed-in session for a teacher, made server-side so the test does not depend on the staff login."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "accounts.backends.StaffBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(4 * 60 * 60)
    store.save()
    return store.session_key


@transaction.atomic
def setup(*, classes, pupils):
    purge_site()  # a shared cache may hold pages of an earlier run's database
    lesson = (
        LessonPage.objects.live()
        .filter(locale__language_code=LANGUAGE, quiz__isnull=False)
        .order_by("grade", "path")
        .first()
    )
    school = School.objects.create(name=SCHOOL)
    plan = {
        "lesson_url": lesson.url,
        "steps": len(lesson.steps),
        "language": LANGUAGE,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "quiz_id": lesson.quiz_id,
        "pupils": [],
        "teachers": [],
    }
    for number in range(classes):
        teacher = get_user_model().objects.create_user(
            username=f"load-teacher-{number}@example.com", email=f"load-teacher-{number}@example.com"
        )
        staff.add_to_teachers_group(user=teacher)
        Membership.objects.create(user=teacher, school=school, role=Role.TEACHER)
        classroom = roster.create_classroom(
            school=school, name=f"Class {number + 1}", grade=lesson.grade, teacher=teacher
        )
        roster.add_pupils(classroom=classroom, names=[f"Pupil {number + 1}-{i + 1}" for i in range(pupils)])
        roster.enable_qr_sign_in(classroom=classroom)
        assign_lessons(classroom=classroom, lessons=[lesson])
        plan["teachers"].append(
            {"session": teacher_session(teacher), "grid_url": f"/{LANGUAGE}/teach/classes/{classroom.pk}/"}
        )
        plan["pupils"] += list(classroom.pupils.order_by("pk").values_list("login_token", flat=True))
    return plan


def count(*, quiz_id):
    """Answers of the load test's pupils to the quiz's first question: who answered, and how many rows each."""
    users = Pupil.objects.filter(classroom__school__name=SCHOOL).values("user_id")
    per_pupil = (
        Answer.objects.filter(attempt__user__in=users, question=Quiz.objects.get(pk=quiz_id).questions.first())
        .values("attempt__user")
        .annotate(rows=Count("pk"))
    )
    rows = [row["rows"] for row in per_pupil]
    return {"pupils": users.count(), "answered": len(rows), "answers": sum(rows)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["setup", "count"])
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--pupils", type=int, default=45)
    parser.add_argument("--plan", type=Path, required=True)
    args = parser.parse_args()
    if args.action == "setup":
        args.plan.write_text(json.dumps(setup(classes=args.classes, pupils=args.pupils)))
    else:
        print(json.dumps(count(quiz_id=json.loads(args.plan.read_text())["quiz_id"])))


if __name__ == "__main__":
    main()
