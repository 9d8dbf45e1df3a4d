"""The pupil's quiz screens, reached through the lesson's routes (lesson URL + quiz/...).

One question per screen, plain form posts, Post/Redirect/Get. Signed-in users' answers are stored as an
Attempt; anonymous visitors practise with their answers kept only in the session. The quiz's key in the URL
names one go at the quiz, so a repeated or double-clicked submission lands on the same answer."""

import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from core.grades import is_early_reader

from .models import TRUE_FALSE, Attempt, Quiz
from .queries import live_question
from .services import (
    ANOTHER_LANGUAGE,
    check_answer,
    parse_choice_ids,
    record_answer,
    start_attempt_for,
    submit_answer,
    translated_answer,
)
from .signals import result_shown

PRACTICE_SESSION_KEY = "quiz_practice"
PRACTICE_KEEP = 5


def lesson_quiz(lesson):
    """The live quiz of the lesson in the lesson's language, with its questions and choices; 404 if none."""
    if not lesson.quiz_id:
        raise Http404
    quiz = Quiz.objects.with_questions().filter(pk=lesson.quiz_id, live=True).first()
    if quiz is not None and quiz.locale_id != lesson.locale_id:
        quiz = (
            Quiz.objects.with_questions()
            .filter(translation_key=quiz.translation_key, locale_id=lesson.locale_id, live=True)
            .first()
        )
    if quiz is None:
        raise Http404
    return quiz


def shuffled_choices(question, key):
    """The question's choices in an order fixed for this go at the quiz but not the editor's order, so that
    the right answer is not always first. It depends only on ids, never on which choice is correct."""
    choices = list(question.choices.all())
    if question.kind == TRUE_FALSE:
        return choices
    return sorted(choices, key=lambda choice: hashlib.sha256(f"{key}:{choice.pk}".encode()).digest())


def _url(request, lesson, name, *args):
    return lesson.get_url(request) + lesson.reverse_subpage(name, args=args)


def _render(request, lesson, template, context):
    response = lesson.render(request, template=template, context_overrides=context)
    add_never_cache_headers(response)
    return response


class Progress:
    """What one go at the quiz has answered so far: {question id: chosen choice ids}, from the DB or the session."""

    def __init__(self, request, quiz, key):
        self.request, self.quiz, self.key = request, quiz, key
        self.attempt = None
        self.answers = {}
        if request.user.is_authenticated:
            self.attempt = start_attempt_for(user=request.user, quiz=quiz, key=key)
            if self.attempt is None:
                raise Http404
            if self.attempt.pk:
                self._load_answers()
        else:
            practice = request.session.get(PRACTICE_SESSION_KEY, {}).get(str(key))
            if practice and practice.get("quiz") == quiz.pk:
                self.answers = {int(qid): set(ids) for qid, ids in practice["answers"].items()}

    def _load_answers(self):
        """The attempt's answers as this quiz's question and choice ids. An attempt begun in another language
        (the pupil switched language mid-quiz) is read through the keys its translations share."""
        answers = self.attempt.answers.select_related("question").prefetch_related("choices")
        if self.attempt.quiz_id == self.quiz.pk:
            for answer in answers:
                self.answers[answer.question_id] = {choice.pk for choice in answer.choices.all()}
            return
        here = {question.key: question for question in self.quiz.questions.all()}
        for answer in answers:
            question = here.get(answer.question.key)
            if question is None:
                continue
            choice_ids = {choice.key: choice.pk for choice in question.choices.all()}
            self.answers[question.pk] = {
                choice_ids[choice.key] for choice in answer.choices.all() if choice.key in choice_ids
            }

    def save(self, question, choice_ids):
        """Record an answer once; a second submission for the same question changes nothing."""
        if self.attempt is not None:
            own_question, own_ids = translated_answer(attempt=self.attempt, question=question, choice_ids=choice_ids)
            submit_answer(attempt=self.attempt, question=own_question, choice_ids=own_ids)
            return
        check_answer(question=question, choice_ids=choice_ids)
        if question.pk in self.answers:
            return
        self.answers[question.pk] = set(choice_ids)
        store = self.request.session.get(PRACTICE_SESSION_KEY, {})
        store.pop(str(self.key), None)
        store[str(self.key)] = {
            "quiz": self.quiz.pk,
            "answers": {str(qid): sorted(ids) for qid, ids in self.answers.items()},
        }
        self.request.session[PRACTICE_SESSION_KEY] = dict(list(store.items())[-PRACTICE_KEEP:])

    def feedback(self, question):
        """The pupil's chosen choices and whether the answer was right; None if not answered yet."""
        chosen_ids = self.answers.get(question.pk)
        if chosen_ids is None:
            return None
        try:
            chosen, is_correct = check_answer(question=question, choice_ids=chosen_ids)
        except ValidationError:  # the quiz was edited since: treat the question as not answered
            return None
        chosen_ids = {choice.pk for choice in chosen}
        return {
            "chosen": chosen,
            "is_correct": is_correct,
            "right_chosen": [choice for choice in chosen if choice.is_correct],
            "wrong_chosen": [choice for choice in chosen if not choice.is_correct],
            "missed": [
                choice for choice in question.choices.all() if choice.is_correct and choice.pk not in chosen_ids
            ],
        }

    def score(self, questions):
        results = [self.feedback(question) for question in questions]
        if any(result is None for result in results):
            return None
        return sum(1 for result in results if result["is_correct"])


def _past_scores(request, quiz):
    """A signed-in pupil's best and latest finished attempts at this quiz (two queries)."""
    if not request.user.is_authenticated:
        return {}
    finished = Attempt.objects.finished().filter(user=request.user, quiz=quiz)
    latest = finished.order_by("-finished_at").first()
    if latest is None:
        return {}
    return {"latest_attempt": latest, "best_attempt": finished.order_by("-score", "-finished_at").first()}


def intro(request, lesson):
    quiz = lesson_quiz(lesson)
    return _render(
        request,
        lesson,
        "quizzes/quiz_intro.html",
        {"quiz": quiz, "question_count": len(quiz.questions.all()), **_past_scores(request, quiz)},
    )


def start(request, lesson):
    """A fresh go at the quiz: a new key in the URL. Nothing is stored until the first answer."""
    lesson_quiz(lesson)
    return redirect(_url(request, lesson, "quiz_question", uuid.uuid4(), 1))


def answer(request, lesson, key, number):
    """A signed-in pupil's answer, the busiest moment of a lesson (a whole class answers at once, some twice by
    a double click): the question and its choices only, one query to find the go at the quiz, one transaction
    to store the answer once, then back to the question (Post/Redirect/Get), which shows the feedback. None
    when the long way must answer: a choice that cannot be stored (it shows why), a go begun in another
    language of the quiz, a quiz that is not the lesson's own language's."""
    current = live_question(quiz_id=lesson.quiz_id, locale_id=lesson.locale_id, number=number)
    if current is None:
        return None
    try:
        stored = record_answer(
            user=request.user, key=key, question=current, choice_ids=parse_choice_ids(request.POST.getlist("choice"))
        )
    except ValidationError:
        return None
    if stored is None:
        raise Http404
    if stored == ANOTHER_LANGUAGE:
        return None
    return redirect(request.path)


def question(request, lesson, key, number):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if request.method == "POST" and request.user.is_authenticated and lesson.quiz_id:
        response = answer(request, lesson, key, number)
        if response is not None:
            return response
    quiz = lesson_quiz(lesson)
    questions = list(quiz.questions.all())
    if not 1 <= number <= len(questions):
        raise Http404
    current = questions[number - 1]
    progress = Progress(request, quiz, key)
    error = None
    if request.method == "POST":
        try:
            progress.save(current, parse_choice_ids(request.POST.getlist("choice")))
        except ValidationError as invalid:
            error = invalid.messages[0]
        else:
            return redirect(_url(request, lesson, "quiz_question", key, number))
    feedback = progress.feedback(current)
    choices = shuffled_choices(current, key)
    is_last = number == len(questions)
    return _render(
        request,
        lesson,
        "quizzes/question.html",
        {
            "quiz": quiz,
            "question": current,
            "number": number,
            "total": len(questions),
            "feedback": feedback,
            "error": error,
            "choices": choices,
            "correct_choices": [choice for choice in choices if choice.is_correct] if feedback else None,
            "next_url": _url(request, lesson, "quiz_result", key)
            if is_last
            else _url(request, lesson, "quiz_question", key, number + 1),
            "is_last": is_last,
            "previous_url": _url(request, lesson, "quiz_question", key, number - 1)
            if number > 1
            else _url(request, lesson, "quiz"),
            "young": is_early_reader(lesson.grade),
        },
    )


def result_links(request, lesson):
    """The result page's way on: what a listener offers (a pupil's next assigned lesson and their lesson
    list), else the next lesson of the band in the same language."""
    links = {}
    for _receiver, offered in result_shown.send(sender=type(lesson), lesson=lesson, request=request):
        links.update(offered or {})
    if "next_lesson" not in links:
        following = lesson.get_next_siblings().live().filter(locale_id=lesson.locale_id).first()
        links["next_lesson"] = {"url": following.get_url(request), "title": following.title} if following else None
    return links


def result(request, lesson, key):
    quiz = lesson_quiz(lesson)
    questions = list(quiz.questions.all())
    progress = Progress(request, quiz, key)
    for number, item in enumerate(questions, start=1):
        if progress.feedback(item) is None:
            return redirect(_url(request, lesson, "quiz_question", key, number))
    return _render(
        request,
        lesson,
        "quizzes/result.html",
        {
            **result_links(request, lesson),
            "quiz": quiz,
            "score": progress.score(questions),
            "total": len(questions),
            "young": is_early_reader(lesson.grade),
            **_past_scores(request, quiz),
        },
    )
