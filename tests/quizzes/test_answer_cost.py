"""A signed-in pupil's answer is the busiest request of a quiz (a whole class answers at once, some twice): it
costs a fixed, small number of queries, and a double click costs fewer and writes nothing."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import Answer, Attempt

from .helpers import right_ids

ANSWER_QUERIES = 10  # user, page, questions, choices, attempt; one transaction (2 statements): attempt, answer,
# its choices
DOUBLE_CLICK_QUERIES = 5  # user, page, questions, choices, the attempt with its stored answer


def _writes(queries):
    return [q["sql"] for q in queries.captured_queries if q["sql"].split(None, 1)[0] in {"INSERT", "UPDATE", "DELETE"}]


def test_a_pupils_answer_and_its_double_click_cost_a_fixed_number_of_queries(
    client, pupil, quiz_en, question_url, django_assert_max_num_queries
):
    """A pupil's first answer stays within its query budget; the same answer again costs fewer and writes nothing."""
    client.force_login(pupil.user)
    question, key = quiz_en.questions.first(), uuid.uuid4()
    choice = right_ids(question)
    assert client.get(question_url(uuid.uuid4(), 1)).status_code == 200  # the page index learns the lesson
    with django_assert_max_num_queries(ANSWER_QUERIES):
        response = client.post(question_url(key, 1), {"choice": choice})
    assert response.status_code == 302 and response["Location"] == question_url(key, 1)
    with django_assert_max_num_queries(DOUBLE_CLICK_QUERIES), CaptureQueriesContext(connection) as again:
        assert client.post(question_url(key, 1), {"choice": choice}).status_code == 302
    assert _writes(again) == []
    answer = Answer.objects.get(attempt__key=key)
    assert answer.is_correct and {str(c.pk) for c in answer.choices.all()} == set(choice)


def test_an_unreadable_answer_is_refused_with_the_question_shown_again(client, quiz_user, quiz_en, question_url):
    """An answer without a choice, or with another question's choice, shows the question with the reason and
    stores nothing."""
    client.force_login(quiz_user)
    key = uuid.uuid4()
    other = quiz_en.questions.all()[1]
    for data in ({}, {"choice": right_ids(other)}):
        response = client.post(question_url(key, 1), data)
        assert response.status_code == 200 and b'name="choice"' in response.content
    assert not Attempt.objects.filter(key=key).exists()
