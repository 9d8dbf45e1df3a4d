"""Scoring, storing answers and the class analysis. Writes are one transaction."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import KIND_CHOICES, ONE_ANSWER_KINDS, Answer, Attempt, Choice, Question

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
        if not (value.isascii() and value.isdigit()) or len(value) > 18:  # "²" is a digit int() refuses
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


ANOTHER_LANGUAGE = "another language"


def record_answer(*, user, key, question, choice_ids, _again=False):
    """A signed-in user's answer to `question` in their go at the quiz named `key` (the attempt is made with its
    first answer), stored once: a repeated or double-clicked submission finds it stored and writes nothing.

    The pupil's quiz answer (quizzes.views.answer): one query to find the attempt and whether this question is
    answered, then one transaction (the attempt when new, the answer, its choices). Returns the Answer's id;
    None if the key is another user's or another quiz's; ANOTHER_LANGUAGE if the attempt is at a translation of
    the quiz (submit_answer maps it). Raises ValidationError, writing nothing, for choices that are not the
    question's (or none, or too many)."""
    chosen, is_correct = check_answer(question=question, choice_ids=choice_ids)
    stored = Answer.objects.filter(attempt=OuterRef("pk"), question=question)
    attempt = Attempt.objects.filter(key=key).annotate(answer_id=stored.values("pk")[:1]).first()
    if attempt is not None:
        if attempt.user_id != user.pk:
            return None
        if attempt.quiz_id != question.quiz_id:
            return ANOTHER_LANGUAGE
        if attempt.answer_id is not None:
            return attempt.answer_id
    try:
        with transaction.atomic():
            if attempt is None:
                attempt = Attempt.objects.create(key=key, user=user, quiz_id=question.quiz_id)
                answered = 1
            else:
                answered = None
            answer = Answer.objects.create(attempt=attempt, question=question, is_correct=is_correct)
            through = Answer.choices.through
            through.objects.bulk_create([through(answer_id=answer.pk, choice_id=choice.pk) for choice in chosen])
            count = getattr(question, "question_count", None)
            if answered is None or count is None or answered >= count:
                _finish_if_complete(attempt, question_count=count)
    except IntegrityError:  # the same answer (or the same first answer) stored at the same moment
        if _again:
            raise
        return record_answer(user=user, key=key, question=question, choice_ids=choice_ids, _again=True)
    return answer.pk


def _finish_if_complete(attempt, *, question_count=None):
    if question_count is None:
        question_count = Question.objects.filter(quiz_id=attempt.quiz_id).count()
    totals = attempt.answers.aggregate(answered=Count("pk"), correct=Count("pk", filter=Q(is_correct=True)))
    if attempt.finished_at is None and totals["answered"] >= question_count:
        attempt.finished_at = timezone.now()
        attempt.score = totals["correct"]
        attempt.max_score = question_count
        attempt.save(update_fields=["finished_at", "score", "max_score"])


def start_attempt_for(*, user, quiz, key):
    """The user's attempt with this key (unsaved if new); None if the key belongs to another user or quiz.

    An attempt at a translation of `quiz` (the same translation key) is the same go at the quiz: a pupil who
    switches language mid-quiz continues it (the view maps its questions by their shared keys)."""
    attempt = Attempt.objects.filter(key=key).select_related("quiz").first()
    if attempt is None:
        return Attempt(key=key, user=user, quiz=quiz)
    if attempt.user_id != user.pk:
        return None
    if attempt.quiz_id != quiz.pk and attempt.quiz.translation_key != quiz.translation_key:
        return None
    return attempt


def translated_answer(*, attempt, question, choice_ids):
    """`question` and `choice_ids` of one language's quiz as the question and choice ids of the attempt's own
    quiz (another language of it), matched by their shared keys; ValidationError if they do not match."""
    if question.quiz_id == attempt.quiz_id:
        return question, choice_ids
    own = Question.objects.filter(quiz_id=attempt.quiz_id, key=question.key).prefetch_related("choices").first()
    if own is None:
        raise ValidationError(_("That question is not part of this quiz."))
    keys = {choice.pk: choice.key for choice in question.choices.all()}
    own_ids = {choice.key: choice.pk for choice in own.choices.all()}
    try:
        return own, {own_ids[keys[choice_id]] for choice_id in choice_ids}
    except KeyError:
        raise ValidationError(_("That answer could not be read. Please choose again.")) from None


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


def analyse(attempts, quiz=None):
    """Per question of `quiz`: answered, correct, share correct and picks of each wrong choice.

    The attempts may be in any of the quiz's languages: answers count by the keys that translations share
    (quizzes.structure), never by position, so reordering one language's questions or choices changes
    nothing. Without `quiz`, the questions of the attempts' own quizzes. `attempts` is a QuerySet (or a
    list) of attempts; four queries whatever their number."""
    if isinstance(attempts, models.QuerySet):
        attempt_filter = {"attempt__in": attempts.values("pk")}
        quiz_ids = attempts.values("quiz_id")
    else:
        attempt_filter = {"attempt__in": [attempt.pk for attempt in attempts]}
        quiz_ids = {attempt.quiz_id for attempt in attempts}
    if quiz is not None:
        quiz_ids = [quiz.pk]
    totals = {
        row["question__key"]: row
        for row in Answer.objects.filter(**attempt_filter)
        .values("question__key")
        .annotate(answered=Count("pk"), correct=Count("pk", filter=Q(is_correct=True)))
        .order_by()
    }
    picks = {
        (question_key, choice_key): times
        for question_key, choice_key, times in Answer.choices.through.objects.filter(
            choice__is_correct=False, **{f"answer__{key}": value for key, value in attempt_filter.items()}
        )
        .values("answer__question__key", "choice__key")
        .annotate(times=Count("pk"))
        .order_by()
        .values_list("answer__question__key", "choice__key", "times")
    }
    questions = (
        Question.objects.filter(quiz_id__in=quiz_ids)
        .order_by("quiz_id", "sort_order", "pk")
        .prefetch_related(models.Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk")))
    )
    results = []
    for question in questions:
        row = totals.get(question.key, {})
        results.append(
            QuestionAnalysis(
                question=question,
                answered=row.get("answered", 0),
                correct=row.get("correct", 0),
                wrong_choices=[
                    (choice, picks.get((question.key, choice.key), 0))
                    for choice in question.choices.all()
                    if not choice.is_correct
                ],
            )
        )
    return results
