"""Grade rules used everywhere: the nine compulsory-school years and who is an early reader."""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

GRADES = range(1, 10)
LAST_EARLY_READER_GRADE = 3  # grades 1–3: pictures instead of words, read-aloud, bigger tap targets
# Children in China start grade 1 at six (Compulsory Education Law, Art. 11), so a pupil in grade g is
# g + 5 when the school year starts and g + 6 by its end: grades 1–3 are ages 6–9, grades 4–6 ages 9–12.
SCHOOL_START_AGE = 6


def _grade_label(grade):
    return _("Grade %(grade)d") % {"grade": grade}


GRADE_CHOICES = [(grade, lazy(_grade_label, str)(grade)) for grade in GRADES]


def is_early_reader(grade):
    """Grades 1–3 read little yet: picture passwords, read-aloud and bigger tap targets."""
    return grade is not None and grade <= LAST_EARLY_READER_GRADE


def age_range(first_grade, last_grade):
    """(youngest, oldest) age of pupils in these grades: grade + 5 at the start of the year, grade + 6 at its end."""
    return first_grade + SCHOOL_START_AGE - 1, last_grade + SCHOOL_START_AGE


def grades_for_age(age):
    """The grades a child of this age may be in: usually two, as birthdays fall before or after September."""
    return [grade for grade in (age - SCHOOL_START_AGE, age - SCHOOL_START_AGE + 1) if grade in GRADES]
