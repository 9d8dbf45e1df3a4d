"""The `quiz` of each lesson file, per language <-> Quiz snippets with their questions and choices."""

from django.utils import translation

from quizzes.models import SCENARIO, Choice, Question, Quiz, choice_problem
from quizzes.services import KINDS
from quizzes.structure import STRUCTURE_DIFFERS, quiz_shape

from .. import common
from ..common import LOCALES, PackError


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
            if choice.get("safeguarding") is not None and (
                choice["safeguarding"] is not True or choice.get("correct") is True
            ):
                raise PackError(path, f"{where} choice {choice_number}", "safeguarding: true marks a wrong answer only")
        with translation.override("en"):  # pack errors are for the people who write packs, like the others
            problem = choice_problem(kind, [choice.get("correct") is True for choice in choices])
            problem = str(problem) if problem else ""
        if problem:
            raise PackError(path, where, problem)
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
                **({"safeguarding": True} if c.get("safeguarding") is True else {}),
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
            {
                "text": c.text,
                "correct": c.is_correct,
                "feedback": c.feedback,
                **({"safeguarding": True} if c.safeguarding_relevant else {}),
            }
            for c in question.choices.all()
        ]
        questions.append(item)
    return {"title": quiz.title, "questions": questions}


def import_quiz(*, translation_key, locale, data, user=None):
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
            choice.safeguarding_relevant = choice_item.get("safeguarding", False)
            choices.append(choice)
        question.choices = choices
        questions.append(question)
    quiz.questions = questions
    quiz.save()
    quiz.save_revision(user=user).publish(user=user)
    return Quiz.objects.get(pk=quiz.pk), status


def _lesson_quizzes(lesson, locales=LOCALES):
    """Every language's quiz of one pack lesson, checked to be translations of each other: {locale: data}."""
    path, key = lesson["_path"], lesson["key"]
    quizzes = {
        locale: prepare_quiz(lesson[locale]["quiz"], path=path, item=f"{key} [{locale}]")
        for locale in locales
        if lesson[locale].get("quiz")
    }
    if quizzes and len(quizzes) != len(locales):
        raise PackError(path, f"{key} quiz", f"needs a version in every language ({', '.join(locales)})")
    shapes = {tuple(quiz_shape((q["kind"], q["choices"]) for q in data["questions"])) for data in quizzes.values()}
    if len(shapes) > 1:
        with translation.override("en"):
            raise PackError(path, f"{key} quiz", str(STRUCTURE_DIFFERS))
    marks = {
        tuple(tuple(c.get("safeguarding", False) for c in q["choices"]) for q in data["questions"])
        for data in quizzes.values()
    }
    if len(marks) > 1:
        raise PackError(path, f"{key} quiz", "marks different choices as safeguarding-relevant in each language")
    return quizzes


def check(pack):
    for lesson in pack.lessons:
        _lesson_quizzes(lesson)


def prepare(pack):
    """{lesson key: {language: quiz}} for every lesson with a quiz."""
    return {lesson["key"]: quizzes for lesson in pack.lessons if (quizzes := _lesson_quizzes(lesson))}


def write(importer, prepared):
    for lesson_key, versions in prepared.items():
        for locale, data in versions.items():
            quiz, status = import_quiz(
                translation_key=common.translation_key("quiz", lesson_key),
                locale=importer.locales[locale],
                data=data,
                user=importer.user,
            )
            importer.record(status, "quiz", lesson_key, locale)
            importer.written["quiz", lesson_key, locale] = quiz


def export(exporter):
    """Every quiz as YAML, by primary key, for the lessons codec to put into its lesson's file."""
    exporter.quizzes = {quiz.pk: quiz_to_dict(quiz) for quiz in Quiz.objects.with_questions()}
