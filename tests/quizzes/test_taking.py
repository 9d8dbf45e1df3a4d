import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import HelpContacts
from lessons.models import LessonPage
from quizzes.models import Answer, Attempt, Choice
from tests.factories import LessonPageFactory, UserFactory

from .helpers import right_ids, without_csrf, wrong_id


def test_finish_on_the_last_step_leads_to_the_quiz(client, lesson_en):
    """The last step's Finish button goes to the lesson's quiz."""
    html = client.get(f"{lesson_en.url}step/{len(lesson_en.steps)}/").content.decode()
    assert f'href="{lesson_en.url}quiz/">Finish' in html


def test_intro_counts_the_questions_and_starts_a_fresh_go(client, lesson_en, quiz_en):
    """The quiz page names the quiz and its length; Start redirects to question 1 under a new key each time."""
    html = client.get(f"{lesson_en.url}quiz/").content.decode()
    assert quiz_en.title in html
    assert f"{quiz_en.questions.count()} questions" in html
    first, second = client.get(f"{lesson_en.url}quiz/start/"), client.get(f"{lesson_en.url}quiz/start/")
    assert first.status_code == 302 and first.url.endswith("/1/")
    assert first.url != second.url


def test_lesson_without_a_quiz_has_no_quiz_page(client, band_page_en):
    """A lesson with no quiz answers 404 at quiz/ and keeps Finish pointing at the lesson."""
    lesson = LessonPageFactory(parent=band_page_en, step_count=3)
    assert client.get(f"{lesson.url}quiz/").status_code == 404
    assert f'href="{lesson.url}">Finish' in client.get(f"{lesson.url}step/3/").content.decode()


def test_question_page_is_the_same_whichever_choice_is_correct(client, quiz_en, question_url):
    """Before answering, swapping which choices are correct leaves every question page the same (but the CSRF token)."""
    key = uuid.uuid4()
    pages = [client.get(question_url(key, n)).content.decode() for n in range(1, quiz_en.questions.count() + 1)]
    for question in quiz_en.questions.all():
        for choice in question.choices.all():
            Choice.objects.filter(pk=choice.pk).update(is_correct=not choice.is_correct)
    swapped = [client.get(question_url(key, n)).content.decode() for n in range(1, quiz_en.questions.count() + 1)]
    assert [without_csrf(html) for html in pages] == [without_csrf(html) for html in swapped]
    assert "correct" not in without_csrf(pages[0]).lower()


def test_right_answer_gets_kind_feedback_and_anonymous_practice_is_not_stored(client, quiz_en, question_url):
    """An anonymous right answer redirects back to the question, which now shows the choice's feedback."""
    question, key = quiz_en.questions.first(), uuid.uuid4()
    response = client.post(question_url(key, 1), {"choice": right_ids(question)})
    assert response.status_code == 302 and response.url == question_url(key, 1)
    html = client.get(question_url(key, 1)).content.decode()
    assert "Yes, that's right!" in html
    assert question.choices.get(is_correct=True).feedback.replace("'", "&#x27;") in html
    assert 'name="choice"' not in html
    assert not Attempt.objects.exists()


def test_wrong_answer_explains_kindly_and_shows_the_answer(client, quiz_en, question_url):
    """A wrong answer shows "Not quite", the chosen choice's feedback and the answer that fits best."""
    question, key = quiz_en.questions.first(), uuid.uuid4()
    client.post(question_url(key, 1), {"choice": wrong_id(question)})
    html = client.get(question_url(key, 1)).content.decode()
    assert "Not quite — here's why…" in html
    wrong = question.choices.get(pk=wrong_id(question))
    assert wrong.feedback.replace("'", "&#x27;") in html
    assert question.choices.get(is_correct=True).text in html


def test_signed_in_pupil_takes_the_whole_quiz_and_gets_a_score(client, quiz_user, lesson_en, quiz_en, question_url, en):
    """A pupil's answers are stored; the last answer finishes the attempt; the score page repeats the key messages."""
    client.force_login(quiz_user)
    key = uuid.uuid4()
    questions = list(quiz_en.questions.all())
    for number, question in enumerate(questions, start=1):
        choice = right_ids(question) if number > 1 else wrong_id(question)
        assert client.post(question_url(key, number), {"choice": choice}).status_code == 302
    attempt = Attempt.objects.get(user=quiz_user)
    assert attempt.key == key and attempt.finished_at is not None
    assert (attempt.score, attempt.max_score) == (len(questions) - 1, len(questions))
    html = client.get(f"{lesson_en.url}quiz/{key}/result/").content.decode()
    assert f"{len(questions) - 1} of {len(questions)} right" in html
    for message in lesson_en.key_messages():
        assert message.replace("'", "&#x27;") in html
    assert HelpContacts.objects.get(locale=en).contacts[0].value["name"] in html


def test_best_and_latest_scores_are_shown_to_the_pupil(client, quiz_user, lesson_en, quiz_en, question_url):
    """After two goes the quiz page shows the latest and the best score."""
    client.force_login(quiz_user)
    questions = list(quiz_en.questions.all())
    for picks in (right_ids, lambda q: [wrong_id(q)]):
        key = uuid.uuid4()
        for number, question in enumerate(questions, start=1):
            client.post(question_url(key, number), {"choice": picks(question)})
    html = client.get(f"{lesson_en.url}quiz/").content.decode()
    assert f"Last time: 0 out of {len(questions)}" in html
    assert f"Your best: {len(questions)} out of {len(questions)}" in html


def test_the_same_answer_submitted_twice_is_stored_once(client, quiz_user, quiz_en, question_url):
    """A double-clicked or replayed answer form stores one attempt with one answer; the first answer counts."""
    client.force_login(quiz_user)
    question, key = quiz_en.questions.first(), uuid.uuid4()
    client.post(question_url(key, 1), {"choice": right_ids(question)})
    client.post(question_url(key, 1), {"choice": right_ids(question)})
    client.post(question_url(key, 1), {"choice": wrong_id(question)})
    assert Attempt.objects.filter(user=quiz_user).count() == 1
    assert Answer.objects.filter(attempt__user=quiz_user).count() == 1
    assert Answer.objects.get(attempt__user=quiz_user).is_correct


def test_multiple_select_is_right_only_with_every_right_choice(client, quiz_en, question_url):
    """Choosing some but not all of the right choices of a multiple-select question is not quite right."""
    number, question = next((n, q) for n, q in enumerate(quiz_en.questions.all(), 1) if q.kind == "multiple")
    key = uuid.uuid4()
    client.post(question_url(key, number), {"choice": right_ids(question)[:1]})
    assert "Not quite" in client.get(question_url(key, number)).content.decode()
    key = uuid.uuid4()
    client.post(question_url(key, number), {"choice": right_ids(question)})
    assert "Yes, that's right!" in client.get(question_url(key, number)).content.decode()


def test_two_choices_for_a_one_answer_question_are_refused(client, quiz_user, quiz_en, question_url):
    """Two ids for a single-choice question give a friendly error and store nothing."""
    client.force_login(quiz_user)
    question = quiz_en.questions.first()
    response = client.post(question_url(uuid.uuid4(), 1), {"choice": [c.pk for c in question.choices.all()]})
    assert response.status_code == 200
    assert "Choose one answer." in response.content.decode()
    assert not Attempt.objects.exists()


def test_someone_elses_attempt_is_not_found(client, quiz_user, quiz_en, question_url):
    """Another user's attempt key gives 404 and cannot be answered."""
    other = UserFactory()
    client.force_login(other)
    key = uuid.uuid4()
    client.post(question_url(key, 1), {"choice": right_ids(quiz_en.questions.first())})
    client.force_login(quiz_user)
    assert client.get(question_url(key, 1)).status_code == 404
    assert client.post(question_url(key, 2), {"choice": right_ids(quiz_en.questions.all()[1])}).status_code == 404
    assert Answer.objects.count() == 1


def test_result_before_the_end_goes_to_the_first_unanswered_question(client, lesson_en, quiz_en, question_url):
    """Asking for the score early leads to the first question not yet answered."""
    key = uuid.uuid4()
    client.post(question_url(key, 1), {"choice": right_ids(quiz_en.questions.first())})
    response = client.get(f"{lesson_en.url}quiz/{key}/result/")
    assert response.status_code == 302 and response.url == question_url(key, 2)


def test_unknown_question_number_is_not_found(client, quiz_en, question_url):
    """Question 0 and one past the last are 404."""
    key = uuid.uuid4()
    assert client.get(question_url(key, 0)).status_code == 404
    assert client.get(question_url(key, quiz_en.questions.count() + 1)).status_code == 404


def test_young_pupils_get_big_tap_targets(client, question_url):
    """Grades 1–3 get the quiz--young body class; grades 7–9 do not."""
    young = LessonPage.objects.filter(locale__language_code="en", grade=1).first()
    older = LessonPage.objects.filter(locale__language_code="en", grade=8).first()
    key = uuid.uuid4()
    assert "quiz--young" in client.get(question_url(key, 1, young)).content.decode()
    assert "quiz--young" not in client.get(question_url(key, 1, older)).content.decode()


def test_quiz_pages_are_never_cached(client, quiz_user, question_url):
    """Screens that may show a pupil's answers are sent with no-store."""
    client.force_login(quiz_user)
    assert "no-store" in client.get(question_url(uuid.uuid4(), 1))["Cache-Control"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_chinese_and_english_lessons_serve_their_own_quiz(db, client, language):
    """Each language's lesson serves the quiz in its own language."""
    lesson = LessonPage.objects.filter(locale__language_code=language).order_by("grade", "path").first()
    html = client.get(f"{lesson.url}quiz/").content.decode()
    assert lesson.quiz.locale.language_code == language
    assert lesson.quiz.title in html


def test_question_page_query_count_does_not_grow(client, quiz_user, quiz_en, question_url):
    """A question screen for a signed-in pupil costs the same queries after one answer as after all of them."""
    client.force_login(quiz_user)
    key, questions = uuid.uuid4(), list(quiz_en.questions.all())
    client.post(question_url(key, 1), {"choice": right_ids(questions[0])})
    with CaptureQueriesContext(connection) as one_answer:
        assert client.get(question_url(key, 1)).status_code == 200
    for number, question in enumerate(questions[1:], start=2):
        client.post(question_url(key, number), {"choice": right_ids(question)})
    with CaptureQueriesContext(connection) as all_answers:
        assert client.get(question_url(key, 1)).status_code == 200
    assert len(all_answers) == len(one_answer) <= 30


def test_a_question_with_a_picture_shows_it_with_alt_text(client, quiz_en, question_url):
    """A question's picture is shown above it, with alt text."""
    from tests.factories import ImageFactory

    question = quiz_en.questions.first()
    question.image = ImageFactory(title="A child saying no")
    question.save()
    html = client.get(question_url(uuid.uuid4(), 1)).content.decode()
    assert 'class="quiz-question__image"' in html
    assert 'alt="A child saying no"' in html


def test_anonymous_practice_keeps_only_the_last_few_goes(client, quiz_en, question_url):
    """The session holds at most five goes, so practising never grows it without bound."""
    question = quiz_en.questions.first()
    for _go in range(8):
        client.post(question_url(uuid.uuid4(), 1), {"choice": right_ids(question)})
    assert len(client.session["quiz_practice"]) == 5


def test_past_scores_read_naturally_in_chinese():
    """In Chinese the earlier results say how many were right first: "答对 1 题（共 5 题）", like the result page."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import translation

    context = {
        "latest_attempt": SimpleNamespace(score=1, max_score=5),
        "best_attempt": SimpleNamespace(score=4, max_score=5),
    }
    with translation.override("zh-hans"):
        html = render_to_string("quizzes/includes/past_scores.html", context)
    assert "上一次：答对 1 题（共 5 题）" in html and "最好成绩：答对 4 题（共 5 题）" in html


def test_two_translated_sentences_have_no_gap_in_chinese(client, lesson_en, quiz_en):
    """The quiz page joins its two sentences with a space in English and with nothing after "。" in Chinese."""
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load safesteps %}A.{% sentence_gap %}B.")
    with translation.override("zh-hans"):
        assert template.render(Context()) == "A.B."
    with translation.override("en"):
        assert template.render(Context()) == "A. B."
    html = client.get(f"{lesson_en.url}quiz/").content.decode()
    assert "one at a time. This quiz is for learning" in html
