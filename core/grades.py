"""Grade rules used everywhere: the nine compulsory-school years and who is an early reader."""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

GRADES = range(1, 10)
LAST_EARLY_READER_GRADE = 3  # grades 1–3: pictures instead of words, read-aloud, bigger tap targets


def _grade_label(grade):
    return _("Grade %(grade)d") % {"grade": grade}


GRADE_CHOICES = [(grade, lazy(_grade_label, str)(grade)) for grade in GRADES]


def is_early_reader(grade):
    """Grades 1–3 read little yet: picture passwords, read-aloud and bigger tap targets."""
    return grade is not None and grade <= LAST_EARLY_READER_GRADE
