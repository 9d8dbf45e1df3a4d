"""What a quiz's translations must share, and the stable keys that let their answers add up.

Translations of a quiz have the same questions, of the same kinds, with the same number of choices, in the
same order: the content pack checks it when it imports all languages and the quiz form when an editor saves
one. Each question and choice carries a `key` its translations share, so the class analysis adds answers in
every language up by key and never by position, which an editor may change in one language."""

import uuid

from django.utils.translation import gettext_lazy as _

STRUCTURE_DIFFERS = _("languages differ in their questions' kinds or numbers of choices")


def quiz_shape(questions):
    """What translations must share: (kind, number of choices) per question, in order.

    `questions` are (kind, choices) pairs, where choices is anything with a length: the pack's prepared
    YAML, a quiz's rows or the admin form's cleaned data give it the same way."""
    return [(kind, len(choices)) for kind, choices in questions]


def first_difference(shape, other):
    """The 0-based position of the first question where two shapes with as many questions differ, or None."""
    return next(
        (position for position, (mine, theirs) in enumerate(zip(shape, other, strict=True)) if mine != theirs), None
    )


def quiz_rows_shape(quiz):
    """The shape of a quiz from its questions and choices (in memory or from the database)."""
    return quiz_shape((question.kind, list(question.choices.all())) for question in _ordered(quiz.questions.all()))


def question_key(quiz_key, position):
    """The key a new question gets from its place: the same in every language, so the pack's quizzes match."""
    return uuid.uuid5(quiz_key, f"question {position}")


def choice_key(question_key, position):
    return uuid.uuid5(question_key, f"choice {position}")


def assign_keys(quiz):
    """Give the quiz's new questions and choices their stable keys, in memory, before the quiz is saved.

    Rows that have a key keep it, wherever an editor moves them (and a translation made in the admin copies
    them). A new row gets the key of its place, as its translations did when they were made from the same
    place; if a row of that quiz or question already holds that key, it gets a fresh one instead."""
    questions = _ordered(quiz.questions.all())
    used = {question.key for question in questions if question.key}
    for position, question in enumerate(questions):
        if not question.key:
            question.key = _free(question_key(quiz.translation_key, position), used)
        choices = _ordered(question.choices.all())
        used_choices = {choice.key for choice in choices if choice.key}
        for choice_position, choice in enumerate(choices):
            if not choice.key:
                choice.key = _free(choice_key(question.key, choice_position), used_choices)


def _free(candidate, used):
    key = candidate if candidate not in used else uuid.uuid4()
    used.add(key)
    return key


def _ordered(rows):
    """Rows by their sort order; rows without one (not yet placed by a form) keep their list order, last."""
    indexed = sorted(enumerate(rows), key=lambda pair: (pair[1].sort_order is None, pair[1].sort_order or 0, pair[0]))
    return [row for _index, row in indexed]
