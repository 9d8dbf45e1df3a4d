import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from quizzes.models import Choice, Question, Quiz


@pytest.fixture(autouse=True)
def english_admin(db, editor):
    """The editor reads the admin in English, so error messages can be matched."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()


def _form_data(quiz, **changes):
    """The admin edit form of `quiz` as posted by the browser, with `changes` applied to question 1's choices."""
    questions = []
    for question in quiz.questions.all():
        choices = [
            {"id": c.pk, "text": c.text, "is_correct": c.is_correct, "feedback": c.feedback, "ORDER": n}
            for n, c in enumerate(question.choices.all())
        ]
        questions.append(
            {
                "id": question.pk,
                "kind": question.kind,
                "text": question.text,
                "scenario": rich_text(question.scenario, features=["bold", "italic"]),
                "image": "",
                "ORDER": len(questions),
                "choices": inline_formset(choices, initial=len(choices)),
            }
        )
    for key, value in changes.items():
        questions[0]["choices"][key[-1]]["is_correct"] = value
    data = {"title": quiz.title, "questions": inline_formset(questions, initial=len(questions))}
    flat = nested_form_data(data)
    flat = {k: v for k, v in flat.items() if not (k.endswith("is_correct") and v is False)}
    flat["action-publish"] = "publish"
    return flat


def test_editor_builds_and_publishes_the_whole_quiz_on_one_screen(client, editor, en):
    """Editing question 1's text on the quiz screen publishes it and keeps every question and choice id."""
    client.force_login(editor)
    quiz = Quiz.objects.filter(locale=en).first()
    ids = sorted(Question.objects.filter(quiz=quiz).values_list("pk", flat=True))
    choice_ids = sorted(Choice.objects.filter(question__quiz=quiz).values_list("pk", flat=True))
    data = _form_data(quiz)
    data["questions-0-text"] = "Which part of you is private?"
    url = reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert Question.objects.filter(quiz=quiz).order_by("sort_order").first().text == "Which part of you is private?"
    assert sorted(Question.objects.filter(quiz=quiz).values_list("pk", flat=True)) == ids
    assert sorted(Choice.objects.filter(question__quiz=quiz).values_list("pk", flat=True)) == choice_ids


def test_two_correct_choices_on_a_single_choice_question_are_refused_clearly(client, editor, en):
    """Marking a second choice correct on a single-choice question shows a clear error and changes nothing."""
    client.force_login(editor)
    quiz = Quiz.objects.filter(locale=en, questions__sort_order=0, questions__kind="single").first()
    data = _form_data(quiz, choice0=True, choice1=True)
    response = client.post(reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk]), data)
    assert response.status_code == 200
    assert "exactly one correct choice; 2 are marked correct" in response.content.decode()
    assert quiz.questions.first().choices.filter(is_correct=True).count() == 1


def test_question_without_a_correct_choice_is_refused(client, editor, en):
    """A question with no correct choice cannot be saved."""
    client.force_login(editor)
    quiz = Quiz.objects.filter(locale=en, questions__sort_order=0, questions__kind="single").first()
    data = _form_data(quiz)
    data = {k: v for k, v in data.items() if not (k.startswith("questions-0-choices-") and k.endswith("is_correct"))}
    response = client.post(reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk]), data)
    assert "Mark at least one choice as correct." in response.content.decode()


def test_preview_shows_every_question_with_its_answers(client, editor, en):
    """The editor's preview lists each question, marks the correct choices and shows feedback."""
    client.force_login(editor)
    quiz = Quiz.objects.filter(locale=en).first()
    url = reverse("wagtailsnippets_quizzes_quiz:preview_on_edit", args=[quiz.pk])
    assert client.post(url, _form_data(quiz)).json()["is_valid"]
    html = client.get(url).content.decode()
    for question in quiz.questions.all():
        assert question.text.replace("'", "&#x27;") in html
    assert html.count('class="badge"') == Choice.objects.filter(question__quiz=quiz, is_correct=True).count()


def test_lesson_cannot_link_a_quiz_in_another_language(lesson_en, zh):
    """The lesson form refuses a quiz whose language differs from the lesson's."""
    from wagtail.admin.panels import get_edit_handler

    form_class = get_edit_handler(type(lesson_en)).get_form_class()
    chinese_quiz = Quiz.objects.filter(locale=zh).first()
    form = form_class(instance=lesson_en, for_user=None)
    form.cleaned_data = {"quiz": chinese_quiz}
    form._errors = {}
    form.clean()
    assert "quiz" in form.errors


def test_quiz_screens_in_the_admin_show_nested_questions_and_choices(client, editor, en):
    """The add and edit screens render, with the question and nested choice forms on one page."""
    client.force_login(editor)
    quiz = Quiz.objects.filter(locale=en).first()
    html = client.get(reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk])).content.decode()
    assert 'name="questions-0-choices-0-is_correct"' in html
    assert client.get(reverse("wagtailsnippets_quizzes_quiz:add") + "?locale=en").status_code == 200


def _edit(client, quiz, data):
    return client.post(reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk]), data)


def _shape(quiz):
    return [(q.kind, q.choices.count()) for q in Question.objects.filter(quiz=quiz).order_by("sort_order")]


def _quiz_with_three_choices(en):
    return Quiz.objects.filter(locale=en, questions__kind="single").distinct().first()


def _question_with_three_choices(quiz):
    return next(n for n, q in enumerate(quiz.questions.all()) if q.kind == "single" and q.choices.count() >= 3)


@pytest.mark.parametrize("change", ["delete a choice", "change a kind", "delete a question"])
def test_a_save_that_makes_the_quiz_differ_from_its_translation_is_refused(client, editor, en, change):
    """Editing one language into another shape is refused, naming the question and the way forward; nothing saved."""
    client.force_login(editor)
    quiz = _quiz_with_three_choices(en)
    number = _question_with_three_choices(quiz)
    before = _shape(quiz)
    data = _form_data(quiz)
    if change == "delete a choice":
        choice = next(n for n, c in enumerate(quiz.questions.all()[number].choices.all()) if not c.is_correct)
        data[f"questions-{number}-choices-{choice}-DELETE"] = "1"
    elif change == "change a kind":
        data[f"questions-{number}-kind"] = "multiple"
    else:
        data[f"questions-{number}-DELETE"] = "1"
    response = _edit(client, quiz, data)
    assert response.status_code == 200
    html = response.content.decode()
    if change == "delete a question":
        assert f"This quiz would have {len(before) - 1} questions; its 简体中文 version has {len(before)}." in html
    else:
        kind, choices = before[number]
        label = "Single choice" if kind == "single" else kind
        assert (
            f"Question {number + 1} would no longer match its 简体中文 version (“{label}”, {choices} choices)." in html
        )
    assert "ask the site operator to change every language in the content pack" in html
    assert _shape(quiz) == before


def test_reordering_choices_in_one_language_is_saved_and_keeps_their_keys(client, editor, en):
    """Moving choices keeps the quiz's shape, so the save goes through; each choice keeps its key."""
    client.force_login(editor)
    quiz = _quiz_with_three_choices(en)
    number = _question_with_three_choices(quiz)
    question = quiz.questions.all()[number]
    keys = {c.pk: c.key for c in question.choices.all()}
    data = _form_data(quiz)
    count = len(keys)
    for n in range(count):
        data[f"questions-{number}-choices-{n}-ORDER"] = str(count - n)
    assert _edit(client, quiz, data).status_code == 302
    reordered = list(Choice.objects.filter(question=question).order_by("sort_order"))
    assert [c.pk for c in reordered] == list(reversed(keys))
    assert {c.pk: c.key for c in reordered} == keys


def test_a_quiz_without_translations_may_change_shape_and_new_choices_get_keys(client, editor, en, zh):
    """With no other language to match, an editor may add a choice; it gets a key of its own."""
    client.force_login(editor)
    quiz = _quiz_with_three_choices(en)
    Quiz.objects.filter(translation_key=quiz.translation_key, locale=zh).delete()
    data = _form_data(quiz)
    prefix = "questions-0-choices"
    count = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(count + 1),
            f"{prefix}-{count}-id": "",
            f"{prefix}-{count}-text": "Ask a friend to keep it secret",
            f"{prefix}-{count}-feedback": "Secrets like this should be told to an adult.",
            f"{prefix}-{count}-ORDER": str(count),
        }
    )
    response = _edit(client, quiz, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    choices = list(Choice.objects.filter(question__quiz=quiz, question__sort_order=0))
    assert len(choices) == count + 1
    assert len({c.key for c in choices}) == count + 1 and all(c.key for c in choices)


def test_a_translation_made_in_the_admin_shares_the_keys(en, zh):
    """A quiz copied into another language keeps each question's and choice's key, so answers add up."""
    chinese = Quiz.objects.filter(locale=zh).first()
    Quiz.objects.filter(translation_key=chinese.translation_key, locale=en).delete()
    english = chinese.copy_for_translation(en)
    english.save()

    def keys(quiz):
        return [
            (q.key, [c.key for c in q.choices.order_by("sort_order")])
            for q in Question.objects.filter(quiz=quiz).order_by("sort_order")
        ]

    assert keys(english) == keys(chinese)
    assert len({question_key for question_key, _choices in keys(english)}) == chinese.questions.count()


def test_quiz_preview_is_in_its_language_and_links_to_the_other_languages_preview(client, editor, en, zh):
    """The English quiz's preview is in English, and its language link opens the Chinese quiz's preview as last
    saved (not the live site, not the same quiz again), which is in Chinese."""
    client.force_login(editor)
    quiz = Quiz.objects.filter(locale=en).first()
    chinese = quiz.get_translation(zh)
    url = reverse("wagtailsnippets_quizzes_quiz:preview_on_edit", args=[quiz.pk])
    assert client.post(url, _form_data(quiz)).json()["is_valid"]
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert page.html["lang"] == "en"
    links = [a["href"] for a in page.select(".language-switcher a")]
    other_url = reverse("wagtailsnippets_quizzes_quiz:revisions_view", args=[chinese.pk, chinese.latest_revision_id])
    assert links == [f"{other_url}?mode="]
    other = BeautifulSoup(client.get(links[0]).content, "html.parser")
    assert other.html["lang"] == "zh-hans" and other.h1.get_text() == chinese.title
