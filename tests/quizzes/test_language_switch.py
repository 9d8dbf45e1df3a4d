"""Switching language mid-quiz (issue 13): the same go at the quiz continues on the same question."""

import uuid

from lessons.models import LessonPage
from quizzes.models import Answer, Attempt

from .helpers import right_ids, wrong_id


def test_switching_language_mid_quiz_keeps_the_attempt(client, quiz_user, lesson_en, lesson_zh, quiz_en, question_url):
    """A quiz_user who answered question 1 in English and opens question 2 in Chinese continues the same attempt:
    question 1 shows as answered in Chinese, question 2 is stored in the same attempt, and the result counts both."""
    client.force_login(quiz_user)
    key = uuid.uuid4()
    first = quiz_en.questions.all()[0]
    client.post(question_url(key, 1), {"choice": wrong_id(first)})
    response = client.get(question_url(key, 1, lesson_zh))
    assert response.status_code == 200
    assert response.context["question"].key == first.key and response.context["feedback"] is not None
    assert response.context["question"].quiz.locale_id == lesson_zh.locale_id
    zh_questions = list(response.context["quiz"].questions.all())
    for number, question in enumerate(zh_questions[1:], start=2):
        assert client.post(question_url(key, number, lesson_zh), {"choice": right_ids(question)}).status_code == 302
    attempt = Attempt.objects.get(user=quiz_user)
    assert attempt.quiz_id == quiz_en.pk and attempt.finished_at is not None
    assert (attempt.score, attempt.max_score) == (len(zh_questions) - 1, len(zh_questions))
    assert Answer.objects.filter(attempt=attempt).count() == len(zh_questions)
    html = client.get(f"{lesson_zh.url}quiz/{key}/result/").content.decode()
    assert f"答对 {len(zh_questions) - 1} 题（共 {len(zh_questions)} 题）" in html


def test_another_quiz_with_the_same_key_is_still_not_found(client, quiz_user, lesson_en, quiz_en, question_url, en):
    """The key of an attempt at one quiz does not open a different quiz (only its translations)."""
    client.force_login(quiz_user)
    key = uuid.uuid4()
    client.post(question_url(key, 1), {"choice": right_ids(quiz_en.questions.all()[0])})
    other = LessonPage.objects.live().filter(locale=en, quiz__isnull=False).exclude(quiz=quiz_en).first()
    assert client.get(question_url(key, 1, other)).status_code == 404


def test_multiple_select_feedback_names_right_wrong_and_missed_choices(client, quiz_en, question_url):
    """A partly right multiple-select answer says which choices were right and which were missed."""
    number, question = next((n, q) for n, q in enumerate(quiz_en.questions.all(), 1) if q.kind == "multiple")
    right = [c for c in question.choices.all() if c.is_correct]
    key = uuid.uuid4()
    client.post(question_url(key, number), {"choice": [right[0].pk]})
    feedback = client.get(question_url(key, number)).context["feedback"]
    assert feedback["right_chosen"] == [right[0]] and feedback["missed"] == right[1:]
    html = client.get(question_url(key, number)).content.decode()
    assert "You missed:" in html and "You were right to choose:" in html


def test_result_offers_the_next_lesson_of_the_band(client, lesson_en, quiz_en, question_url):
    """Someone not signed in finishing a quiz is offered the next lesson of the band."""
    key = uuid.uuid4()
    for number, question in enumerate(quiz_en.questions.all(), start=1):
        client.post(question_url(key, number), {"choice": right_ids(question)})
    response = client.get(f"{lesson_en.url}quiz/{key}/result/")
    following = lesson_en.get_next_siblings().live().first()
    assert response.context["next_lesson"]["url"] == following.url
    assert response.context.get("my_lessons_url") is None
