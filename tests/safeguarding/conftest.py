import uuid

import pytest
from django.core.cache import cache
from django.utils import translation

from classrooms.models import Membership, Role
from safeguarding import services
from tests.factories import ClassroomFactory, SchoolFactory, UserFactory


@pytest.fixture(autouse=True)
def english():
    """These tests read the English screens (URLs under /en/) unless a test asks for Chinese."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def teacher(db):
    """The class teacher, who records the concern in these tests."""
    return UserFactory(groups=["Teachers"], email="teacher@example.com", first_name="Lin", last_name="Teacher")


@pytest.fixture
def other_teacher(db):
    """Another teacher of the same school."""
    return UserFactory(groups=["Teachers"], email="colleague@example.com")


@pytest.fixture
def designated(db):
    return UserFactory(groups=["Teachers"], email="dsl@example.com")


@pytest.fixture
def school_admin(db):
    return UserFactory(groups=["Teachers"], email="admin@example.com")


@pytest.fixture
def other_school_staff(db):
    """Designated staff and school admin of another school."""
    return UserFactory(groups=["Teachers"], email="elsewhere@example.com")


@pytest.fixture
def school(teacher, other_teacher, designated, school_admin):
    school = SchoolFactory(name="Sunrise Primary", teacher=teacher, admin=school_admin)
    Membership.objects.create(user=other_teacher, school=school)
    Membership.objects.create(user=designated, school=school, is_designated=True, name_for_pupils="Ms Wang")
    return school


@pytest.fixture
def other_school(other_school_staff):
    school = SchoolFactory(name="Riverside Middle")
    Membership.objects.create(
        user=other_school_staff, school=school, role=Role.ADMIN, is_designated=True, name_for_pupils="Mr Li"
    )
    return school


@pytest.fixture
def classroom(school, teacher):
    return ClassroomFactory(school=school, teacher=teacher, grade=2, pupils=3)


@pytest.fixture
def older_classroom(school, teacher):
    return ClassroomFactory(school=school, teacher=teacher, grade=5, pupils=2, name="Class 5B")


@pytest.fixture
def pupil(classroom):
    return classroom.pupils.order_by("pk").first()


@pytest.fixture
def older_pupil(older_classroom):
    return older_classroom.pupils.order_by("pk").first()


@pytest.fixture
def concern(school, teacher, pupil):
    """A disclosure the class teacher heard and recorded."""
    concern, _created = services.record_concern(
        school=school,
        user=teacher,
        key=uuid.uuid4(),
        pupil=pupil,
        fields={"child_words": "UNIQUE-WORDS he said not to tell", "location": "Playground"},
    )
    return concern


@pytest.fixture
def request_concern(pupil):
    """A pupil's "I want to talk to someone"."""
    concern, _created = services.submit_pupil_request(pupil=pupil, key=uuid.uuid4(), wants="anyone", topic="online")
    return concern
