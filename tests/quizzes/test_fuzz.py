import uuid

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.models import Answer, Attempt, Choice
from quizzes.services import check_answer

VALUES = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=40),
    st.sampled_from(["", " ", "1e3", "0x10", "٣", "null", "[]", "1,2", "9" * 5000]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    data=st.data(),
    signed_in=st.booleans(),
    number=st.integers(min_value=1, max_value=5),
)
def test_fuzzed_answer_posts_never_fail_and_never_half_write(
    client, quiz_user, quiz_en, question_url, data, signed_in, number
):
    """Unknown, foreign, empty, huge and repeated choice fields give no 500 and store an answer only if valid."""
    if signed_in:
        client.force_login(quiz_user)
    else:
        client.logout()
    question = list(quiz_en.questions.all())[number - 1]
    own = [str(pk) for pk in question.choices.values_list("pk", flat=True)]
    foreign = [str(pk) for pk in Choice.objects.exclude(question=question).values_list("pk", flat=True)[:50]]
    choice = data.draw(st.lists(st.one_of(VALUES, st.sampled_from(own), st.sampled_from(foreign)), max_size=30))
    extra = data.draw(st.dictionaries(st.sampled_from(["quiz", "question", "attempt", "score", "x"]), VALUES))
    before = (Attempt.objects.count(), Answer.objects.count())
    key = uuid.uuid4()

    response = client.post(question_url(key, number), {"choice": choice, **extra})

    assert response.status_code in (200, 302)
    try:
        valid = set(choice) <= set(own) and bool(choice)
        check_answer(question=question, choice_ids={int(c) for c in choice}) if valid else None
    except ValidationError:
        valid = False
    assert (response.status_code == 302) == valid
    stored = (Attempt.objects.count() - before[0], Answer.objects.count() - before[1])
    assert stored == ((1, 1) if valid and signed_in else (0, 0))
