import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from classrooms.services import signin
from lessons.models import LessonPage
from progress.services import assign_lessons
from tests.factories import ClassroomFactory, SchoolFactory, UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Sign-in counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def school_admin(db):
    return UserFactory(groups=["Teachers"], email="admin@example.com")


@pytest.fixture
def school(teacher, school_admin):
    return SchoolFactory(name="Sunrise Primary", teacher=teacher, admin=school_admin)


# The test client's address: the teacher opened sign-in from the room the test client is in.
ROOM = "127.0.0.1"


def names_url(classroom):
    """The class list's address (in the language active where it is called)."""
    return reverse("classrooms:pupil_names", kwargs={"code": classroom.code})


def pupils_page(classroom):
    """The teacher's page of the class's pupils (locks, unlock, sign-in on a device)."""
    return reverse("classrooms:pupils", kwargs={"pk": classroom.pk})


def number_url(classroom):
    with translation.override("en"):
        return reverse("classrooms:pupil_number", kwargs={"code": classroom.code})


def type_number(client, classroom):
    """The pupil types the sign-in number the teacher shows on the board, with its space ("482 913"), as on a
    tablet in the room that is not a class device; the browser remembers it for the window."""
    classroom.refresh_from_db()
    response = client.post(number_url(classroom), {"number": classroom.sign_in_number_shown})
    assert response.status_code == 302 and response.url.endswith(f"/class/{classroom.code}/"), response
    return response


@pytest.fixture
def classroom(school, teacher):
    """A grade-2 class of three with sign-in open (as the teacher would open it in the room)."""
    classroom = ClassroomFactory(school=school, teacher=teacher, grade=2, pupils=3)
    signin.open_sign_in(classroom=classroom, address=ROOM)
    return classroom


@pytest.fixture
def word_classroom(school, teacher):
    """A grade-5 class of two with sign-in open."""
    classroom = ClassroomFactory(school=school, teacher=teacher, grade=5, pupils=2, name="Class 5B")
    signin.open_sign_in(classroom=classroom, address=ROOM)
    return classroom


@pytest.fixture
def pupil(classroom):
    return classroom.pupils.order_by("pk").first()


@pytest.fixture
def other_teacher(db):
    return UserFactory(groups=["Teachers"], email="other@example.com")


@pytest.fixture
def other_school_class(other_teacher):
    school = SchoolFactory(name="Riverside Middle", teacher=other_teacher)
    return ClassroomFactory(school=school, teacher=other_teacher, grade=2, pupils=2, name="Other class")


@pytest.fixture
def grade2_lessons(en):
    return list(LessonPage.objects.live().filter(locale=en, grade__in=[1, 2, 3]).order_by("grade", "path"))


@pytest.fixture
def assignment(classroom, grade2_lessons):
    """The class's first assigned lesson; `assignment.lesson` is the page it was assigned from."""
    assignment = assign_lessons(classroom=classroom, lessons=grade2_lessons[:1])[0]
    assignment.lesson = grade2_lessons[0]
    return assignment
