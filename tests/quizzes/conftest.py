import pytest

from tests.classrooms.conftest import classroom, pupil, school, school_admin  # noqa: F401  (fixtures, by name)
from tests.factories import UserFactory


@pytest.fixture
def quiz_user(db):
    """A user who takes quizzes signed in (their answers are stored as an Attempt); no admin access."""
    return UserFactory()


@pytest.fixture
def quiz_en(lesson_en):
    return lesson_en.quiz


@pytest.fixture
def question_url(lesson_en):
    def url(key, number, lesson=None):
        return f"{(lesson or lesson_en).url}quiz/{key}/{number}/"

    return url
