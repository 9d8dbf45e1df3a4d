from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from classrooms.models import Classroom, Pupil, School
from contentpack.demo import DEMO_PASSWORD, DEMO_SCHOOLS
from progress.models import Assignment, LessonProgress
from quizzes.models import Attempt


def _counts():
    return (
        School.objects.count(),
        Classroom.objects.count(),
        Pupil.objects.count(),
        Assignment.objects.count(),
        LessonProgress.objects.count(),
        Attempt.objects.count(),
    )


def test_seed_demo_builds_two_schools_with_a_full_dashboard_and_is_idempotent(client, db):
    """Two schools, each with a teacher and a class with progress; running it again adds nothing."""
    call_command("seed_demo", "--pupils", "5")
    first = _counts()
    assert first[0] == 2 and first[1] == 2
    assert Classroom.objects.get(code=DEMO_SCHOOLS[0]["class"][2]).pupils.count() == 5
    assert LessonProgress.objects.filter(completed_at__isnull=False).exists()
    assert Attempt.objects.finished().filter(user__pupil__isnull=False).exists()
    call_command("seed_demo", "--pupils", "5")
    assert _counts() == first
    response = client.post(
        reverse("classrooms:staff_login"), {"email": DEMO_SCHOOLS[0]["teacher"], "password": DEMO_PASSWORD}
    )
    assert response.url == reverse("classrooms:dashboard")
    classroom = Classroom.objects.get(code=DEMO_SCHOOLS[0]["class"][2])
    grid = client.get(reverse("progress:class_progress", kwargs={"pk": classroom.pk})).context
    assert len(grid["rows"]) == 5 and len(grid["assignments"]) == 3
    assert any(cell["score"] is not None for row in grid["rows"] for cell in row["cells"])


def test_seed_demo_prints_who_to_sign_in_as(db):
    """The demo names its editor, reviewer and teachers with the demo password, so a tester can sign in."""
    out = StringIO()
    call_command("seed_demo", "--pupils", "3", stdout=out)
    text = out.getvalue()
    assert "editor@example.com or editor (Editors), password safesteps-demo" in text
    assert "reviewer@example.com or reviewer (Safeguarding reviewers), password safesteps-demo" in text
    assert f"Teacher sign-in: {DEMO_SCHOOLS[0]['teacher']}" in text


def test_seed_demo_pupils_sets_the_size_of_the_first_class(db):
    """`--pupils N` grows or shrinks the first demo class to N pupils."""
    call_command("seed_demo", "--pupils", "30")
    code = DEMO_SCHOOLS[0]["class"][2]
    assert Classroom.objects.get(code=code).pupils.count() == 30
    call_command("seed_demo", "--pupils", "4")
    assert Classroom.objects.get(code=code).pupils.count() == 4
