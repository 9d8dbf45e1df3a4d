"""Demo schools, staff, classes, pupils and progress for `seed_demo`. Running it again changes nothing."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from classrooms.models import Classroom, Membership, Role, School
from classrooms.services import roster, staff
from lessons.models import LessonPage
from progress.models import LessonProgress
from progress.services import assign_lessons
from quizzes.models import Attempt, Quiz
from quizzes.services import submit_answer

DEMO_PASSWORD = "safesteps-demo"  # noqa: S105 (demo only: production refuses seed_demo)
DEMO_SCHOOLS = [
    {
        "name": "阳光小学 Sunrise Primary (demo)",
        "teacher": "teacher@example.com",
        "admin": "lead@example.com",
        "class": ("二年级（1）班 Class 2A", 2, "PANDA3"),
    },
    {
        "name": "河畔中学 Riverside Middle (demo)",
        "teacher": "teacher2@example.com",
        "admin": None,
        "class": ("七年级（3）班 Class 7C", 7, "TREE47"),
    },
]
NAMES = [
    "小明", "Mia", "乐乐", "Leo", "朵朵", "Anna", "天天", "Sam", "果果", "Lily", "豆豆", "Max",
    "甜甜", "Ben", "欢欢", "Zoe", "壮壮", "Emma", "笑笑", "Tom", "贝贝", "Ivy", "多多", "Noah",
]  # fmt: skip
SECOND_CLASS_PUPILS = 8


def _staff(email):
    user, created = get_user_model().objects.get_or_create(username=email, defaults={"email": email})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user, created


def _names(count):
    return [NAMES[i] if i < len(NAMES) else f"{NAMES[i % len(NAMES)]} {i // len(NAMES) + 1}" for i in range(count)]


def _demo_progress(classroom, lessons):
    """Some pupils done, some half-way, some not started: only for pupils with no progress yet."""
    created = 0
    now = timezone.now()
    started = set(LessonProgress.objects.filter(pupil__classroom=classroom).values_list("pupil_id", flat=True))
    for index, pupil in enumerate(classroom.pupils.order_by("pk")):
        if pupil.pk in started:
            continue
        for position, lesson in enumerate(lessons):
            total = len(lesson.steps)
            if (index + position) % 3 == 2:
                continue  # not started
            done = (index + position) % 3 == 0
            LessonProgress.objects.create(
                pupil=pupil,
                lesson_key=lesson.translation_key,
                furthest_step=total if done else max(1, total // 2),
                last_step=total if done else max(1, total // 2),
                total_steps=total,
                completed_at=now if done else None,
            )
            created += 1
    return created


def _demo_attempts(classroom, lessons):
    """A finished quiz for every pupil who completed a lesson with a quiz and has not taken it yet."""
    created = 0
    quizzes = {q.pk: q for q in Quiz.objects.with_questions().filter(pk__in=[lesson.quiz_id for lesson in lessons])}
    done = LessonProgress.objects.filter(pupil__classroom=classroom, completed_at__isnull=False).select_related("pupil")
    quiz_by_key = {lesson.translation_key: quizzes.get(lesson.quiz_id) for lesson in lessons}
    taken = set(Attempt.objects.filter(user__pupil__classroom=classroom).values_list("user_id", "quiz_id"))
    for index, progress in enumerate(done.order_by("pk")):
        quiz = quiz_by_key.get(progress.lesson_key)
        if quiz is None or (progress.pupil.user_id, quiz.pk) in taken:
            continue
        attempt = Attempt(user_id=progress.pupil.user_id, quiz=quiz)
        for position, question in enumerate(quiz.questions.all()):
            choices = list(question.choices.all())
            right = [c.pk for c in choices if c.is_correct]
            wrong = [c.pk for c in choices if not c.is_correct]
            pick = wrong[:1] if wrong and (index + position) % 4 == 1 else right
            if question.kind in ("single", "true_false", "scenario"):
                pick = pick[:1]
            answer = submit_answer(attempt=attempt, question=question, choice_ids=pick)
            attempt = answer.attempt
        created += 1
    return created


@transaction.atomic
def seed_classrooms(*, pupils=12):
    """Two schools, each with a teacher and a class; the first class has `pupils` pupils. Returns what was made."""
    created = 0
    locale = Locale.objects.get(language_code="zh-hans")
    for number, spec in enumerate(DEMO_SCHOOLS):
        school, made = School.objects.get_or_create(name=spec["name"])
        created += made
        teacher, made = _staff(spec["teacher"])
        created += made
        staff.add_to_teachers_group(user=teacher)
        created += Membership.objects.get_or_create(user=teacher, school=school, defaults={"role": Role.TEACHER})[1]
        if spec["admin"]:
            admin, made = _staff(spec["admin"])
            created += made
            staff.add_to_teachers_group(user=admin)
            created += Membership.objects.get_or_create(user=admin, school=school, defaults={"role": Role.ADMIN})[1]
        name, grade, code = spec["class"]
        classroom = Classroom.objects.filter(code=code).first()
        if classroom is None:
            classroom = roster.create_classroom(school=school, name=name, grade=grade, teacher=teacher, code=code)
            created += 1
        wanted = _names(pupils if number == 0 else SECOND_CLASS_PUPILS)
        existing = set(classroom.pupils.values_list("display_name", flat=True))
        missing = [n for n in wanted if n not in existing]
        roster.add_pupils(classroom=classroom, names=missing)
        created += len(missing)
        for extra in classroom.pupils.exclude(display_name__in=wanted):
            roster.delete_pupil(pupil=extra)
        lessons = list(LessonPage.objects.live().filter(locale=locale, grade=grade).order_by("path")[:3])
        if len(lessons) < 3:
            band_grades = range(grade - (grade - 1) % 3, grade - (grade - 1) % 3 + 3)
            lessons = list(LessonPage.objects.live().filter(locale=locale, grade__in=band_grades).order_by("path")[:3])
        new_lessons = [
            lesson for lesson in lessons if not classroom.assignments.filter(lesson_key=lesson.translation_key)
        ]
        today = timezone.localdate()
        for offset, lesson in enumerate(new_lessons):
            assign_lessons(
                classroom=classroom, lessons=[lesson], due_date=today + timezone.timedelta(days=7 * offset - 3)
            )
            created += 1
        created += _demo_progress(classroom, lessons)
        created += _demo_attempts(classroom, lessons)
    return created
