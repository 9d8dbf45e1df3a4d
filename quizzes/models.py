"""Quizzes: ordered questions with ordered choices (one cluster, edited on one screen), and pupils' attempts."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)

from core.preview import preview_response

from .structure import assign_keys, first_difference, quiz_rows_shape, quiz_shape

SINGLE, MULTIPLE, TRUE_FALSE, SCENARIO = "single", "multiple", "true_false", "scenario"
KIND_CHOICES = [
    (SINGLE, _("Single choice")),
    (MULTIPLE, _("Multiple select")),
    (TRUE_FALSE, _("True or false")),
    (SCENARIO, _("Scenario (a short story, then a single choice)")),
]
ONE_ANSWER_KINDS = {SINGLE, TRUE_FALSE, SCENARIO}
KINDS = dict(KIND_CHOICES)


def choice_problem(kind, correct_flags):
    """What is wrong with a question's choices, as a sentence for the editor; None when they are fine."""
    count = len(correct_flags)
    correct = sum(1 for flag in correct_flags if flag)
    if count < 2:
        return _("Give at least two choices.")
    if kind == TRUE_FALSE and count != 2:
        return _("A true-or-false question has exactly two choices.")
    if correct == 0:
        return _("Mark at least one choice as correct.")
    if kind in ONE_ANSWER_KINDS and correct != 1:
        return _("This kind of question has exactly one correct choice; %(count)d are marked correct.") % {
            "count": correct
        }
    return None


class QuizForm(WagtailAdminModelForm):
    """Checks every question's choices together, so the editor sees which question needs fixing and why, and
    refuses a save that would make the quiz's questions differ in kind or number of choices from its
    translations (their answers are added up question by question and choice by choice)."""

    def clean(self):
        cleaned_data = super().clean()
        questions = self.formsets.get("questions")
        if questions is None:
            return cleaned_data
        live_questions = []
        for number, form in enumerate(questions.forms, start=1):
            if not form.is_valid() or (questions.can_delete and questions._should_delete_form(form)):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            choices = form.formsets.get("choices")
            flags = [
                bool(choice.cleaned_data.get("is_correct"))
                for choice in (choices.forms if choices is not None else [])
                if choice.is_valid()
                and (choice.has_changed() or choice.instance.pk)
                and not (choices.can_delete and choices._should_delete_form(choice))
            ]
            live_questions.append((form.cleaned_data.get("ORDER"), number, form.cleaned_data.get("kind"), flags))
            if choices is None:
                continue
            problem = choice_problem(form.cleaned_data.get("kind"), flags)
            if problem:
                form.add_error("kind", problem)
                self.add_error(None, _("Question %(number)d: %(problem)s") % {"number": number, "problem": problem})
        if not live_questions:
            self.add_error(None, _("Add at least one question."))
        elif not self.errors:
            live_questions.sort(key=lambda item: (item[0] is None, item[0] or 0, item[1]))
            shape = quiz_shape((kind, flags) for _order, _number, kind, flags in live_questions)
            for locale, other in self.instance.translations_shapes():
                if other != shape:
                    self.add_error(None, structure_problem(shape, other, locale.get_display_name()))
                    self.add_error(None, STRUCTURE_WAY_FORWARD)
                    break
        return cleaned_data


STRUCTURE_WAY_FORWARD = _(
    "Every language of a quiz has the same questions, of the same kinds, with the same number of choices, because"
    " pupils' answers are added up across languages. Here you can change the words and the order. To add or remove"
    " a question or a choice, ask the site operator to change every language in the content pack."
)


def structure_problem(shape, other, language):
    """What an editor's save would make differ from the `language` version, naming the question."""
    if len(shape) != len(other):
        return _("This quiz would have %(here)d questions; its %(language)s version has %(there)d.") % {
            "here": len(shape),
            "there": len(other),
            "language": language,
        }
    position = first_difference(shape, other)
    kind, choices = other[position]
    return _(
        "Question %(number)d would no longer match its %(language)s version (“%(kind)s”, %(choices)d choices)."
    ) % {"number": position + 1, "language": language, "kind": KINDS.get(kind, kind), "choices": choices}


class QuizQuerySet(models.QuerySet):
    def with_questions(self):
        """Quizzes with their questions, images and choices, in three queries whatever their size."""
        return self.prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.select_related("image").prefetch_related(
                    Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk"))
                ),
            )
        )


class Quiz(
    TranslatableMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, ClusterableModel
):
    """A short formative quiz at the end of a lesson: for learning, never for ranking children.

    Edits are drafts until a safeguarding reviewer approves them (the safeguarding review workflow); pupils
    get only the live version (quizzes.views)."""

    title = models.CharField(_("title"), max_length=200)

    objects = QuizQuerySet.as_manager()

    base_form_class = QuizForm
    panels = [
        FieldPanel("title"),
        InlinePanel("questions", heading=_("Questions"), label=_("Question"), min_num=1),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self):
        return self.title

    def get_preview_template(self, request, mode_name):
        return "quizzes/quiz_preview.html"

    def serve_preview(self, request, mode_name):
        """The unsaved draft in its own language (the preview request's address is the admin's, not a
        language's), framable by the admin only (core.preview)."""
        with translation.override(self.locale.language_code):
            return preview_response(super().serve_preview(request, mode_name), {})

    def save(self, *args, **kwargs):
        assign_keys(self)
        super().save(*args, **kwargs)

    def translations_shapes(self):
        """(locale, shape) of each other language's latest version of this quiz (structure.quiz_shape)."""
        if not self.translation_key:
            return []
        others = Quiz.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).select_related("locale")
        return [(other.locale, quiz_rows_shape(other.get_latest_revision_as_object())) for other in others]


class Question(Orderable, ClusterableModel):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    key = models.UUIDField(_("key"), editable=False)  # shared by the question's translations (structure.py)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default=SINGLE)
    text = models.CharField(_("question"), max_length=300)
    scenario = RichTextField(
        _("scenario"),
        features=["bold", "italic"],
        blank=True,
        help_text=_("For scenario questions: a short story the pupil reads before choosing."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Young pupils understand a question better with a picture."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("scenario"),
        FieldPanel("image"),
        InlinePanel("choices", heading=_("Choices"), label=_("Choice"), min_num=2),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [models.UniqueConstraint(fields=["quiz", "key"], name="one_question_per_key")]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        if not self.key:  # saved on its own rather than with its quiz (which gives keys by place)
            self.key = uuid.uuid4()
        super().save(*args, **kwargs)

    @property
    def takes_several(self):
        return self.kind == MULTIPLE


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    key = models.UUIDField(_("key"), editable=False)  # shared by the choice's translations
    text = models.CharField(_("text"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(
        _("feedback"),
        max_length=600,
        help_text=_("Shown after the pupil answers. Explain why, kindly; never mock a wrong answer."),
    )
    safeguarding_relevant = models.BooleanField(
        _("safeguarding-relevant"),
        default=False,
        help_text=_(
            "A wrong answer that may mean a child needs help, such as keeping a touching secret as a surprise: "
            "the class's teachers see which pupils chose it."
        ),
    )

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback"), FieldPanel("safeguarding_relevant")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="one_choice_per_key")]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = uuid.uuid4()
        super().save(*args, **kwargs)


class AttemptQuerySet(models.QuerySet):
    def finished(self):
        return self.exclude(finished_at=None)


class Attempt(models.Model):
    """One go at a quiz by a signed-in user. Anonymous practice is never stored."""

    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts", verbose_name=_("user")
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("quiz"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    max_score = models.PositiveSmallIntegerField(_("out of"), null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        indexes = [models.Index(fields=["user", "quiz", "-started_at"])]

    def __str__(self):
        return f"{self.user} · {self.quiz} · {self.started_at:%Y-%m-%d %H:%M}"


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attempt"))
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question"))
    choices = models.ManyToManyField(Choice, related_name="answers", verbose_name=_("choices"))
    is_correct = models.BooleanField(_("correct"))
    answered_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_question")]

    def __str__(self):
        return f"{self.attempt_id} · {self.question_id}"
