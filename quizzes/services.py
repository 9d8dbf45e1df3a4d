"""Scoring, storing answers, the class analysis, and the quiz part of the content pack. Writes are one transaction."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from curriculum.content_pack import PackError

from .models import KIND_CHOICES, ONE_ANSWER_KINDS, SCENARIO, Answer, Attempt, Choice, Question, Quiz, choice_problem

KINDS = {kind for kind, _label in KIND_CHOICES}
MAX_CHOICE_IDS = 20


def parse_choice_ids(values):
    """Whole numbers from a form's repeated `choice` field; anything else (or far too many) is an error."""
    values = list(values)
    if len(values) > MAX_CHOICE_IDS:
        raise ValidationError(_("That answer could not be read. Please choose again."))
    ids = set()
    for value in values:
        value = str(value).strip()
        if not value.isdigit() or len(value) > 18:
            raise ValidationError(_("That answer could not be read. Please choose again."))
        ids.add(int(value))
    return ids


def check_answer(*, question, choice_ids):
    """The chosen choices of `question` and whether the answer is right; ValidationError for anything else.

    Only ids of this question's own choices are accepted, and one-answer questions take exactly one."""
    choices = list(question.choices.all())
    by_id = {choice.pk: choice for choice in choices}
    choice_ids = set(choice_ids)
    if not choice_ids:
        raise ValidationError(_("Choose an answer first."))
    if not choice_ids <= by_id.keys():
        raise ValidationError(_("That answer could not be read. Please choose again."))
    if question.kind in ONE_ANSWER_KINDS and len(choice_ids) != 1:
        raise ValidationError(_("Choose one answer."))
    chosen = [choice for choice in choices if choice.pk in choice_ids]
    correct_ids = {choice.pk for choice in choices if choice.is_correct}
    return chosen, choice_ids == correct_ids


@transaction.atomic
def submit_answer(*, attempt, question, choice_ids):
    """Store one answer (idempotent: a repeated submission keeps the first) and finish the attempt when complete.

    Raises ValidationError, writing nothing, if the choices do not belong to the question or the question
    is not in the attempt's quiz. Returns the stored Answer."""
    if question.quiz_id != attempt.quiz_id:
        raise ValidationError(_("That question is not part of this quiz."))
    chosen, is_correct = check_answer(question=question, choice_ids=choice_ids)
    if attempt.pk is None:
        try:
            with transaction.atomic():
                attempt.save()
        except IntegrityError:  # the same first answer, submitted twice at once
            stored = Attempt.objects.get(key=attempt.key)
            if (stored.user_id, stored.quiz_id) != (attempt.user_id, attempt.quiz_id):
                raise ValidationError(_("That answer could not be read. Please choose again.")) from None
            attempt = stored
    existing = Answer.objects.filter(attempt=attempt, question=question).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            answer = Answer.objects.create(attempt=attempt, question=question, is_correct=is_correct)
    except IntegrityError:
        return Answer.objects.get(attempt=attempt, question=question)
    answer.choices.set(chosen)
    _finish_if_complete(attempt)
    return answer


def _finish_if_complete(attempt):
    question_count = Question.objects.filter(quiz_id=attempt.quiz_id).count()
    totals = attempt.answers.aggregate(answered=Count("pk"), correct=Count("pk", filter=Q(is_correct=True)))
    if attempt.finished_at is None and totals["answered"] >= question_count:
        attempt.finished_at = timezone.now()
        attempt.score = totals["correct"]
        attempt.max_score = question_count
        attempt.save(update_fields=["finished_at", "score", "max_score"])


def start_attempt_for(*, user, quiz, key):
    """The user's attempt with this key (unsaved if new); None if the key belongs to another user or quiz."""
    attempt = Attempt.objects.filter(key=key).first()
    if attempt is None:
        return Attempt(key=key, user=user, quiz=quiz)
    if attempt.user_id != user.pk or attempt.quiz_id != quiz.pk:
        return None
    return attempt


@dataclass
class QuestionAnalysis:
    """How a group did on one question: the share right and how often each wrong choice was picked."""

    question: Question
    answered: int = 0
    correct: int = 0
    wrong_choices: list = field(default_factory=list)  # [(choice, times chosen)], in the quiz's order

    @property
    def share_correct(self):
        return self.correct / self.answered if self.answered else None


def analyse(attempts):
    """Per question of the attempts' quizzes: answered, correct, share correct and picks of each wrong choice.

    `attempts` is a QuerySet (or a list) of attempts; four queries whatever their number."""
    if isinstance(attempts, models.QuerySet):
        attempt_filter = {"attempt__in": attempts.values("pk")}
        quiz_ids = attempts.values("quiz_id")
    else:
        attempt_filter = {"attempt__in": [attempt.pk for attempt in attempts]}
        quiz_ids = {attempt.quiz_id for attempt in attempts}
    totals = {
        row["question"]: row
        for row in Answer.objects.filter(**attempt_filter)
        .values("question")
        .annotate(answered=Count("pk"), correct=Count("pk", filter=Q(is_correct=True)))
        .order_by()
    }
    picks = dict(
        Answer.choices.through.objects.filter(
            choice__is_correct=False, **{f"answer__{key}": value for key, value in attempt_filter.items()}
        )
        .values("choice")
        .annotate(times=Count("pk"))
        .order_by()
        .values_list("choice", "times")
    )
    questions = (
        Question.objects.filter(quiz_id__in=quiz_ids)
        .order_by("quiz_id", "sort_order", "pk")
        .prefetch_related(models.Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk")))
    )
    results = []
    for question in questions:
        row = totals.get(question.pk, {})
        results.append(
            QuestionAnalysis(
                question=question,
                answered=row.get("answered", 0),
                correct=row.get("correct", 0),
                wrong_choices=[(c, picks.get(c.pk, 0)) for c in question.choices.all() if not c.is_correct],
            )
        )
    return results


# The content pack: quiz YAML <-> Quiz rows.


def prepare_quiz(data, *, path, item):
    """Check one quiz's YAML and return it in a canonical shape; PackError names the file, lesson and question."""
    if not isinstance(data, dict) or not data.get("title"):
        raise PackError(path, f"{item} quiz", "needs a title")
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        raise PackError(path, f"{item} quiz", "needs a list of questions")
    prepared = []
    for number, question in enumerate(questions, start=1):
        where = f"{item} quiz question {number}"
        if not isinstance(question, dict) or not question.get("text"):
            raise PackError(path, where, "needs text")
        kind = question.get("kind")
        if kind not in KINDS:
            raise PackError(path, where, f"kind must be one of {', '.join(sorted(KINDS))}, not {kind!r}")
        choices = question.get("choices")
        if not isinstance(choices, list) or not all(isinstance(c, dict) for c in choices):
            raise PackError(path, where, "needs a list of choices")
        for choice_number, choice in enumerate(choices, start=1):
            if not choice.get("text") or not choice.get("feedback"):
                raise PackError(path, f"{where} choice {choice_number}", "needs text and feedback")
        problem = choice_problem(kind, [choice.get("correct") is True for choice in choices])
        if problem:
            with translation.override("en"):  # pack errors are for the people who write packs, like the others
                raise PackError(path, where, str(problem))
        if kind == SCENARIO and not question.get("scenario"):
            raise PackError(path, where, "is a scenario question without a scenario")
        item = {"kind": kind, "text": str(question["text"]).strip()}
        if question.get("scenario"):
            item["scenario"] = str(question["scenario"]).strip()
        item["choices"] = [
            {
                "text": str(c["text"]).strip(),
                "correct": c.get("correct") is True,
                "feedback": str(c["feedback"]).strip(),
            }
            for c in choices
        ]
        prepared.append(item)
    return {"title": str(data["title"]).strip(), "questions": prepared}


def quiz_to_dict(quiz):
    """A quiz in the content pack's YAML shape (the inverse of prepare_quiz), for comparing and exporting."""
    questions = []
    for question in quiz.questions.all():
        item = {"kind": question.kind, "text": question.text}
        if question.scenario:
            item["scenario"] = question.scenario
        item["choices"] = [
            {"text": c.text, "correct": c.is_correct, "feedback": c.feedback} for c in question.choices.all()
        ]
        questions.append(item)
    return {"title": quiz.title, "questions": questions}


def import_quiz(*, translation_key, locale, data):
    """Create or update the quiz with this translation key and locale from prepared YAML data.

    Existing questions and choices are updated in place, by position, so their primary keys (and pupils'
    answers) survive; an unchanged quiz is left alone. Returns (quiz, "created" | "updated" | "unchanged")."""
    quiz = Quiz.objects.with_questions().filter(translation_key=translation_key, locale=locale).first()
    if quiz is not None and quiz.live and quiz_to_dict(quiz) == data:
        return quiz, "unchanged"
    status = "updated" if quiz else "created"
    if quiz is None:
        quiz = Quiz(translation_key=translation_key, locale=locale)
    quiz.title = data["title"]
    old_questions = list(quiz.questions.all()) if quiz.pk else []
    questions = []
    for position, item in enumerate(data["questions"]):
        question = old_questions[position] if position < len(old_questions) else Question()
        question.kind, question.text, question.scenario = item["kind"], item["text"], item.get("scenario", "")
        question.sort_order = position
        old_choices = list(question.choices.all()) if question.pk else []
        choices = []
        for choice_position, choice_item in enumerate(item["choices"]):
            choice = old_choices[choice_position] if choice_position < len(old_choices) else Choice()
            choice.text, choice.is_correct = choice_item["text"], choice_item["correct"]
            choice.feedback, choice.sort_order = choice_item["feedback"], choice_position
            choices.append(choice)
        question.choices = choices
        questions.append(question)
    quiz.questions = questions
    quiz.save()
    quiz.save_revision().publish()
    return Quiz.objects.get(pk=quiz.pk), status


def prepare_lesson_quizzes(lesson, locales):
    """Every language's quiz of one pack lesson, checked to be translations of each other: {locale: data}."""
    path, key = lesson["_path"], lesson["key"]
    quizzes = {
        locale: prepare_quiz(lesson[locale]["quiz"], path=path, item=f"{key} [{locale}]")
        for locale in locales
        if lesson[locale].get("quiz")
    }
    if quizzes and len(quizzes) != len(locales):
        raise PackError(path, f"{key} quiz", f"needs a version in every language ({', '.join(locales)})")
    shapes = {locale: [(q["kind"], len(q["choices"])) for q in data["questions"]] for locale, data in quizzes.items()}
    if len(set(map(tuple, shapes.values()))) > 1:
        raise PackError(path, f"{key} quiz", "languages differ in their questions' kinds or numbers of choices")
    return quizzes
