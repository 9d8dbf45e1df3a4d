"""The people of the progress tests are the classroom tests' people: one definition, in tests/classrooms."""

from tests.classrooms.conftest import (  # noqa: F401  (fixtures, found by name)
    assignment,
    classroom,
    empty_cache,
    grade2_lessons,
    other_school_class,
    other_teacher,
    pupil,
    school,
    school_admin,
)
