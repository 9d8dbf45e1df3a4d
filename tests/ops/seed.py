"""Fills a database the ops tests made, in a process of its own (run with that database's settings):

    python -m tests.ops.seed backup   a small school: pupils, progress, quiz answers, an uploaded image
    python -m tests.ops.seed scale    a class for the scale-out test, an editor's signed-in session, and a
                                      draft of a public lesson with new text waiting to be published

Prints what the test needs as JSON on the last line of stdout.
"""

import json
import sys
import time
import uuid
from importlib import import_module

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from accounts.sessions import CONFIRMED_AT, SIGNED_IN_AT  # noqa: E402
from classrooms.services import roster, signin  # noqa: E402
from core.caching import purge_site  # noqa: E402
from lessons.models import LessonPage  # noqa: E402
from progress.models import LessonProgress  # noqa: E402
from progress.services import assign_lessons  # noqa: E402
from quizzes.models import Attempt, Choice, Question, Quiz  # noqa: E402
from quizzes.services import submit_answer  # noqa: E402
from tests.factories import ClassroomFactory, ImageFactory, SchoolFactory, UserFactory  # noqa: E402

NEW_TEXT = "Published through server A for the scale-out test."


def _quiz():
    quiz = Quiz.objects.create(title="Backup quiz", locale=Locale.get_default())
    for number in range(2):
        question = Question.objects.create(quiz=quiz, key=uuid.uuid4(), kind="single", text=f"Question {number}")
        Choice.objects.create(question=question, key=uuid.uuid4(), text="Tell", is_correct=True, feedback="Yes.")
        Choice.objects.create(question=question, key=uuid.uuid4(), text="Keep it secret", feedback="Tell someone.")
    return quiz


@transaction.atomic
def backup():
    """Two schools; every pupil of the first has progress in two lessons and a finished quiz."""
    for number in range(2):
        teacher = UserFactory(username=f"teacher{number}@example.com")
        classroom = ClassroomFactory(school=SchoolFactory(name=f"学校 {number}", teacher=teacher), teacher=teacher,
                                     grade=3 + number, pupils=5, name=f"Class {number}")  # fmt: skip
    quiz = _quiz()
    lessons = [uuid.uuid4(), uuid.uuid4()]
    pupils = list(classroom.pupils.order_by("pk"))
    for index, pupil in enumerate(pupils):
        for lesson in lessons:
            LessonProgress.objects.create(pupil=pupil, lesson_key=lesson, furthest_step=index + 1,
                                          last_step=index + 1, total_steps=8)  # fmt: skip
        attempt = Attempt(user=pupil.user, quiz=quiz)
        for question in quiz.questions.all():
            choice = list(question.choices.all())[index % 2]
            attempt = submit_answer(attempt=attempt, question=question, choice_ids=[choice.pk]).attempt
    image = ImageFactory(title="A picture for the backup")
    return {"pupils": len(pupils), "image": image.file.name}


def staff_session(user):
    """A signed-in, second-factor-verified session made server-side, as the staff sign-in would leave it."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "accounts.backends.StaffBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store[SIGNED_IN_AT] = store[CONFIRMED_AT] = time.time()
    store.save()
    return store.session_key


@transaction.atomic
def scale():
    """A grade-5 class that may sign in at home; a lesson assigned to it; a draft with new text."""
    purge_site()  # the shared cache may hold pages of an earlier run's database
    lessons = LessonPage.objects.live().filter(locale__language_code="en", grade__gte=4).order_by("grade", "path")
    lesson = next(lesson for lesson in lessons if len(lesson.steps) > 4)
    teacher = UserFactory(username="scale-teacher@example.com")
    classroom = ClassroomFactory(school=SchoolFactory(name="Scale-out school", teacher=teacher), teacher=teacher,
                                 grade=lesson.grade, pupils=3, name="Class 5")  # fmt: skip
    roster.enable_qr_sign_in(classroom=classroom)
    signin.set_home_sign_in(classroom=classroom, allowed=True)
    assign_lessons(classroom=classroom, lessons=[lesson])
    operator = get_user_model().objects.create_superuser(username="operator", email="operator@example.com")
    draft = LessonPage.objects.get(pk=lesson.pk)
    draft.summary = NEW_TEXT
    draft.save_revision(user=operator)
    pupils = [
        {"pk": p.pk, "user": p.user_id, "name": p.display_name, "words": p.words("en"), "token": p.login_token}
        for p in classroom.pupils.order_by("pk")
    ]
    return {
        "code": classroom.code,
        "pupils": pupils,
        "lesson": {
            "pk": lesson.pk,
            "url": lesson.url,
            "key": str(lesson.translation_key),
            "steps": len(lesson.steps),
            "summary": lesson.summary,
        },  # fmt: skip
        "new_text": NEW_TEXT,
        "operator_session": staff_session(operator),
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }


if __name__ == "__main__":
    print(json.dumps({"backup": backup, "scale": scale}[sys.argv[1]]()))
