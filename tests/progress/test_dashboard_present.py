"""The teacher's dashboard offers present mode in one click (issue 13): progress adds the link through the
classrooms DASHBOARD_LINKS hook."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from progress.services import assign_lessons
from tests.factories import ClassroomFactory


def _dashboard(client):
    with translation.override("en"):
        return client.get(reverse("classrooms:dashboard"))


def test_each_class_card_offers_the_lesson_due_next(client, teacher, classroom, grade2_lessons):
    """The card links to present mode of the assignment due soonest from today, not one already past."""
    today = timezone.localdate()
    past, soon, later = grade2_lessons[:3]
    assign_lessons(classroom=classroom, lessons=[past], due_date=today - datetime.timedelta(days=3))
    assign_lessons(classroom=classroom, lessons=[later], due_date=today + datetime.timedelta(days=9))
    assign_lessons(classroom=classroom, lessons=[soon], due_date=today + datetime.timedelta(days=2))
    client.force_login(teacher)
    html = _dashboard(client).content.decode()
    assert f'href="{soon.url}present/"' in html
    assert f"Present to the class: {soon.title}" in html
    assert f"{past.url}present/" not in html and f"{later.url}present/" not in html


def test_a_class_with_only_past_lessons_offers_the_last_assigned(client, teacher, classroom, grade2_lessons):
    """With nothing due ahead, the lesson assigned last is the one offered; a class with none offers nothing."""
    first, last = grade2_lessons[:2]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assign_lessons(classroom=classroom, lessons=[first], due_date=yesterday)
    assign_lessons(classroom=classroom, lessons=[last], due_date=yesterday)
    client.force_login(teacher)
    html = _dashboard(client).content.decode()
    assert f'href="{last.url}present/"' in html and f"{first.url}present/" not in html


def test_dashboard_links_cost_the_same_queries_for_two_and_eight_classes(
    client, teacher, school, grade2_lessons, django_assert_max_num_queries
):
    """Present links add no per-class query: eight classes with lessons cost what two do."""
    client.force_login(teacher)
    counts = []
    for number in (2, 6):
        for n in range(number):
            classroom = ClassroomFactory(school=school, teacher=teacher, grade=2, name=f"Class {number}-{n}")
            assign_lessons(classroom=classroom, lessons=grade2_lessons[:3])
        _dashboard(client)
        with django_assert_max_num_queries(60) as captured:
            response = _dashboard(client)
        counts.append(len(captured.captured_queries))
        assert response.content.decode().count("Present to the class:") >= number
    assert counts[0] == counts[1]
