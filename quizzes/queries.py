"""Reads of quizzes that screens need without loading a whole quiz."""

from .models import Question


def live_question(*, quiz_id, locale_id, number):
    """Question `number` (from 1) of the live quiz `quiz_id` in language `locale_id`, with its choices; None if
    there is no such quiz or question. Two queries (the quiz's questions, then this one's choices): what storing
    an answer needs, without the texts and images of the other questions."""
    questions = list(
        Question.objects.filter(quiz_id=quiz_id, quiz__live=True, quiz__locale_id=locale_id).only(
            "pk", "quiz_id", "kind", "key", "sort_order"
        )
    )
    if not 1 <= number <= len(questions):
        return None
    question = questions[number - 1]
    question.question_count = len(questions)
    return question
