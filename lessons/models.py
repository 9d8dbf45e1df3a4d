"""The curriculum map, the age-band pages and the lessons (pupil steps, teacher notes, take-home note)."""

from itertools import groupby

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from core.caching import PublicCacheMixin
from core.forms import SameLanguagePageForm
from core.grades import GRADE_CHOICES, GRADES, is_early_reader
from core.preview import preview_response
from core.search import index_words
from curriculum.models import AgeBand, GuidanceReference, Strand
from parents.models import ParentGuidePage
from quizzes.routes import QuizRoutesMixin

from .blocks import LessonStepsBlock, TeacherNotesBlock
from .queries import guidance_coverage
from .signals import step_viewed
from .structure import steps_shape

TEACHER_NOTES_PERMISSION = "lessons.view_teacher_notes"


def pupils_go_home(request, locale):
    """A signed-in pupil is offered only their own lessons: the map and band pages send them to the home page
    of their language, which takes them to My lessons. They may still open any lesson they are given."""
    if getattr(request.user, "is_pupil", False):
        response = redirect(f"/{locale.language_code}/")
        patch_cache_control(response, private=True)
        return response
    return None


class LessonPageQuerySet(PageQuerySet):
    def for_map(self):
        """What the curriculum map and band pages show, without per-lesson queries or the heavy fields."""
        return self.defer_streamfields().defer("take_home_note").prefetch_related("strands")

    def quizzes_used_outside(self, band):
        """The ids of the quizzes used by a lesson (any language, draft or live) of a grade outside `band`."""
        return self.exclude(grade__range=(band.first_grade, band.last_grade)).exclude(quiz=None).values("quiz_id")


class LessonPageForm(SameLanguagePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_outcomes_to_the_band()
        self._limit_quizzes_to_the_band()

    def _limit_outcomes_to_the_band(self):
        """The outcomes offered are those of the lesson's band (its grade's; for a new lesson, which has no grade
        yet, its band page's), in its language (SameLanguageChoicesMixin); all bands of its language if neither is
        known. An outcome of another band posted by hand is refused as an invalid choice."""
        field = self.fields.get("outcomes")
        if field is None:
            return
        grade = self.instance.grade
        if grade:
            field.queryset = field.queryset.filter(age_band__first_grade__lte=grade, age_band__last_grade__gte=grade)
            return
        parent = getattr(self, "parent_page", None) if self.instance._state.adding else None
        band_id = getattr(parent.specific_deferred, "band_id", None) if parent else None
        if band_id:
            field.queryset = field.queryset.filter(age_band_id=band_id)

    def _limit_quizzes_to_the_band(self):
        """Quizzes have no band of their own: a quiz belongs to the band of the lessons that use it. The quizzes
        offered are those of the lesson's language not used by a lesson of another band (so a new quiz, not yet
        used, is offered everywhere), and always the lesson's current quiz, so an old cross-band choice can still
        be saved. The band is the band page's the lesson sits (or is added) under; its lessons' grades lie in it
        (clean). Another band's quiz posted by hand is refused as an invalid choice."""
        field = self.fields.get("quiz")
        parent = getattr(self, "parent_page", None)
        band = getattr(parent.specific_deferred, "band", None) if field is not None and parent else None
        if band is None:
            return
        used_elsewhere = LessonPage.objects.quizzes_used_outside(band)
        field.queryset = field.queryset.filter(~models.Q(pk__in=used_elsewhere) | models.Q(pk=self.instance.quiz_id))

    def clean(self):
        cleaned_data = super().clean()
        grade = cleaned_data.get("grade")
        parent = self.parent_page if self.instance._state.adding else self.instance.get_parent()
        band = getattr(parent.specific_deferred, "band", None) if parent else None
        if grade and band and grade not in band.grades:
            self.add_error(
                "grade",
                _("This lesson sits in %(band)s, which covers grades %(first)d–%(last)d. Choose one of those grades.")
                % {"band": band.name, "first": band.first_grade, "last": band.last_grade},
            )
        for field in ("strands", "outcomes"):
            if any(item.locale_id != self.instance.locale_id for item in cleaned_data.get(field) or []):
                self.add_error(field, _("Choose only items in the same language as this lesson."))
        quiz = cleaned_data.get("quiz")
        if quiz and quiz.locale_id != self.instance.locale_id:
            self.add_error("quiz", _("Choose the quiz in the same language as this lesson."))
        return cleaned_data


class AgeBandField(serializers.Field):
    """The lesson's age band for the API, looked up once per response for all lessons."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, lesson):
        bands = self.root.context.setdefault("_bands_by_grade", None)
        if bands is None:
            bands = self.root.context["_bands_by_grade"] = AgeBand.objects.by_grade()
        band = bands.get((lesson.locale.language_code, lesson.grade))
        return {"key": band.slug, "name": band.name} if band else None


class StrandSerializer(serializers.Serializer):
    key = serializers.CharField(source="slug")
    name = serializers.CharField()


class LessonPage(PublicCacheMixin, QuizRoutesMixin, RoutablePageMixin, Page):
    grade = models.PositiveSmallIntegerField(_("grade"), choices=GRADE_CHOICES)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"), default=30, validators=[MinValueValidator(5), MaxValueValidator(120)]
    )
    summary = models.TextField(_("summary"), max_length=400, help_text=_("One or two sentences: what pupils learn."))
    strands = ParentalManyToManyField("curriculum.Strand", related_name="lessons", verbose_name=_("strands"))
    outcomes = ParentalManyToManyField(
        "curriculum.LearningOutcome", blank=True, related_name="lessons", verbose_name=_("learning outcomes")
    )
    steps = StreamField(LessonStepsBlock(), verbose_name=_("pupil steps"))
    teacher_notes = StreamField(TeacherNotesBlock(), blank=True, verbose_name=_("teacher notes"))
    take_home_note = RichTextField(
        _("take-home note"),
        features=["bold", "italic", "ul", "ol", "link"],
        blank=True,
        help_text=_("A short letter for families: what the lesson taught and how to talk about it at home."),
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("quiz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Pupils take it after the last step."),
    )

    objects = PageManager.from_queryset(LessonPageQuerySet)()

    parent_page_types = ["lessons.AgeBandPage"]
    subpage_types = []
    base_form_class = LessonPageForm

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("grade"), FieldPanel("duration_minutes")]),
                FieldPanel("summary"),
                FieldPanel("strands", widget=forms.CheckboxSelectMultiple),
                FieldPanel("outcomes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("quiz", widget=forms.Select),
            ],
            heading=_("About this lesson"),
        ),
        FieldPanel("steps"),
        FieldPanel("teacher_notes"),
        FieldPanel("take_home_note"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("search_words"),
        index.FilterField("grade"),
    ]
    api_fields = [
        APIField("grade"),
        APIField("age_band", serializer=AgeBandField()),
        APIField("strands", serializer=StrandSerializer(many=True, read_only=True)),
        APIField("duration_minutes"),
        APIField("summary"),
    ]

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        permissions = [("view_teacher_notes", _("Can view teacher notes"))]

    def search_words(self):
        """Title and summary cut into words, so that Chinese queries match without spaces (core/search.py)."""
        return index_words(f"{self.title} {self.summary}")

    @cached_property
    def parent_guide(self):
        """The parents' guide for this lesson's band and strands, in its language (parents app)."""
        return ParentGuidePage.objects.for_lesson(self)

    def outcomes_with_guidance(self):
        """The lesson's outcomes, each with the official guidance it meets, in two queries (the whole-lesson plan)."""
        references = GuidanceReference.objects.select_related("section__document").order_by("sort_order", "pk")
        return self.outcomes.prefetch_related(Prefetch("guidance_references", queryset=references))

    def key_messages(self):
        return [block.value["message"] for block in self.steps if block.block_type == "key_message"]

    def step_key(self, number):
        """Names one step of this lesson in every language (a "what would you do?" step's order and keys)."""
        return f"{self.translation_key}:{number}"

    def translations_with_other_steps(self):
        """This lesson's translations whose latest steps differ in shape (lessons.structure) from this one's."""
        shape = steps_shape(self.steps)
        others = LessonPage.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
        return [
            other
            for other in others.select_related("locale")
            if steps_shape(other.get_latest_revision_as_object().steps) != shape
        ]

    @property
    def for_early_readers(self):
        """Grades 1–3 (core/grades.py): read-aloud and bigger tap targets on the pupil's screens."""
        return is_early_reader(self.grade)

    def step_url(self, request, number):
        return self.get_url(request) + self.reverse_subpage("step", kwargs={"number": number})

    def quiz_url(self, request=None):
        """The quiz's first screen (quizzes/routes.py), or None if the lesson has no quiz."""
        return self.get_url(request) + self.reverse_subpage("quiz") if self.quiz_id else None

    def present_url(self, request, number=0, *, presenter=False):
        """A screen of present mode: 0 the title, 1…n the steps, n + 1 the close (key messages, who can help)."""
        if presenter:
            return self.get_url(request) + self.reverse_subpage("presenter", kwargs={"number": number})
        if not number:
            return self.get_url(request) + self.reverse_subpage("present")
        return self.get_url(request) + self.reverse_subpage("present_screen", kwargs={"number": number})

    def _present_context(self, request, number, *, presenter=False):
        """What a screen of present mode shows, for the class screen and the presenter view alike."""
        steps = list(self.steps)
        last = len(steps) + 1
        if not 0 <= number <= last:
            raise Http404
        step = steps[number - 1] if 1 <= number < last else None
        return {
            "step": step,
            "number": number,
            "total": len(steps),
            "is_cover": number == 0,
            "is_close": number == last,
            "step_key": self.step_key(number),
            "vote": step.value.for_class_vote(self.step_key(number)) if step and step.block_type == "choice" else [],
            "revealed": request.GET.get("reveal") == "1",
            "previous_url": self.present_url(request, number - 1, presenter=presenter) if number else None,
            "next_url": self.present_url(request, number + 1, presenter=presenter) if number < last else None,
            "first_url": self.present_url(request, 0, presenter=presenter),
            "last_url": self.present_url(request, last, presenter=presenter),
            "class_screen_url": self.present_url(request, number),
            "presenter_url": self.present_url(request, number, presenter=True),
        }

    @path("")
    def overview(self, request):
        return self.render(request)

    @path("step/<int:number>/", name="step")
    def step(self, request, number):
        """One step per screen for the pupil, with Back and Next; the last step adds the key messages."""
        steps = list(self.steps)
        if not 1 <= number <= len(steps):
            raise Http404
        step_viewed.send(sender=type(self), request=request, lesson=self, number=number, total=len(steps))
        return self.render(
            request,
            template="lessons/lesson_step.html",
            context_overrides={
                "step": steps[number - 1],
                "number": number,
                "total": len(steps),
                "is_last": number == len(steps),
                # A "what would you do?" step shuffles its options per signed-in viewer (their copy is private)
                # and once per step for everyone else (their copy may come from a shared cache).
                "step_key": self.step_key(number),
                "viewer": request.user.pk if request.user.is_authenticated else "",
                "chosen": request.GET.get("choice", "")[:40],
                "previous_url": self.step_url(request, number - 1) if number > 1 else self.get_url(request),
                "next_url": self.step_url(request, number + 1) if number < len(steps) else None,
            },
        )

    @path("present/", name="present")
    @path("present/<int:number>/", name="present_screen")
    def present(self, request, number=0):
        """Present mode for the class: one large screen per step, no site menus, never any teacher notes, and
        no pupil progress recorded. Public like the other lesson screens, so a shared cache may keep it."""
        return self.render(
            request, template="lessons/present.html", context_overrides=self._present_context(request, number)
        )

    @path("present/<int:number>/presenter/", name="presenter")
    def presenter(self, request, number):
        """The teacher's own screen while presenting: the current step with every answer and the teacher notes."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(TEACHER_NOTES_PERMISSION):
            raise Http404
        response = self.render(
            request,
            template="lessons/presenter.html",
            context_overrides=self._present_context(request, number, presenter=True),
        )
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response

    @path("take-home/", name="take_home")
    def take_home(self, request):
        """The take-home note as a one-page letter for families, made to be printed."""
        return self.render(request, template="lessons/take_home.html")

    @path("plan/", name="plan")
    def plan(self, request):
        """The whole lesson on one printable page; teacher notes only for users allowed to see them."""
        show_notes = request.user.has_perm(TEACHER_NOTES_PERMISSION)
        response = self.render(
            request, template="lessons/lesson_plan.html", context_overrides={"show_teacher_notes": show_notes}
        )
        if show_notes:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    # Preview (Wagtail's panel and "preview in new tab"): every screen of the draft, its links kept inside.

    @property
    def preview_modes(self):
        total = len(self.steps)
        steps = [(f"step-{n}", _("Step %(number)s") % {"number": n}) for n in range(1, total + 1)]
        present = [(f"present-{n}", _("Present mode: step %(number)s") % {"number": n}) for n in range(1, total + 1)]
        return [
            ("", _("Overview")),
            *steps,
            ("present", _("Present mode: title screen")),
            *present,
            (f"present-{total + 1}", _("Present mode: who can help")),
            ("plan", _("Whole lesson with teacher notes")),
            ("quiz", _("Quiz")),
            ("take-home", _("Take-home note")),
        ]

    def serve_preview(self, request, mode_name):
        """Render the unsaved draft (self) in the given mode, never recording a pupil's progress."""
        if mode_name.startswith("step-") and mode_name[5:].isdigit():
            response = self._preview_step(request, int(mode_name[5:]))
        elif mode_name == "present" or (mode_name.startswith("present-") and mode_name[8:].isdigit()):
            number = int(mode_name[8:] or 0) if mode_name != "present" else 0
            response = self.render(
                request, template="lessons/present.html", context_overrides=self._present_context(request, number)
            )
        elif mode_name == "plan":
            response = self.render(
                request, template="lessons/lesson_plan.html", context_overrides={"show_teacher_notes": True}
            )
        elif mode_name == "quiz" and self.quiz_id:
            response = self.quiz.serve_preview(request, self.quiz.default_preview_mode)
        elif mode_name == "take-home":
            response = self.render(request, template="lessons/take_home.html")
        else:
            response = self.render(request)
        return preview_response(response, self._preview_links(request))

    def _preview_step(self, request, number):
        steps = list(self.steps)
        if not 1 <= number <= len(steps):
            raise Http404
        return self.render(
            request,
            template="lessons/lesson_step.html",
            context_overrides={
                "step": steps[number - 1],
                "number": number,
                "total": len(steps),
                "is_last": number == len(steps),
                "step_key": self.step_key(number),
                "viewer": "",
                "chosen": "",
                "previous_url": self.step_url(request, number - 1) if number > 1 else self.get_url(request),
                "next_url": self.step_url(request, number + 1) if number < len(steps) else None,
            },
        )

    def _preview_links(self, request):
        """The lesson's own screens (live URLs in the templates) as preview modes: {URL: "?mode=..."}."""
        url = self.get_url(request)
        if not url:
            return {}
        links = {url: "?mode=", url + "plan/": "?mode=plan", url + "take-home/": "?mode=take-home"}
        links[url + "quiz/"] = "?mode=quiz"
        links[url + "present/"] = "?mode=present"
        links.update({url + f"present/{n}/": f"?mode=present-{n}" for n in range(1, len(self.steps) + 2)})
        links[url + "present/0/presenter/"] = "?mode=plan"  # the presenter view's notes: the plan with notes
        links.update({url + f"step/{n}/": f"?mode=step-{n}" for n in range(1, len(self.steps) + 1)})
        return links

    def clean(self):
        super().clean()
        if self.grade and not 1 <= self.grade <= 9:
            raise ValidationError({"grade": _("Choose a grade from 1 to 9.")})


class CurriculumPage(PublicCacheMixin, Page):
    """The year-by-year map of one language: grades 1–9 across the strands, each cell linking to its lessons."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["lessons.AgeBandPage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("curriculum map")

    def serve(self, request, *args, **kwargs):
        return pupils_go_home(request, self.locale) or super().serve(request, *args, **kwargs)

    def band_pages(self):
        return AgeBandPage.objects.child_of(self).live().select_related("band").order_by("band__first_grade")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        strands = list(Strand.objects.filter(locale_id=self.locale_id))
        lessons = LessonPage.objects.live().descendant_of(self).for_map()
        cells = {}
        for lesson in lessons:
            for strand in lesson.strands.all():
                cells.setdefault((lesson.grade, strand.pk), []).append(lesson)
        bands = self.band_pages()
        band_of_grade = {grade: page for page in bands for grade in page.band.grades}
        context.update(
            strands=strands,
            band_pages=bands,
            rows=[
                {
                    "grade": grade,
                    "band_page": band_of_grade.get(grade),
                    "cells": [cells.get((grade, strand.pk), []) for strand in strands],
                }
                for grade in GRADES
            ],
            guidance=guidance_coverage(locale=self.locale, lessons=lessons),
        )
        return context


class AgeBandPage(PublicCacheMixin, Page):
    """One age band: its lessons by grade."""

    band = models.ForeignKey(AgeBand, on_delete=models.PROTECT, related_name="+", verbose_name=_("age band"))
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    parent_page_types = ["lessons.CurriculumPage"]
    subpage_types = ["lessons.LessonPage"]
    base_form_class = SameLanguagePageForm
    content_panels = [*Page.content_panels, FieldPanel("band", widget=forms.Select), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("age band page")

    def serve(self, request, *args, **kwargs):
        return pupils_go_home(request, self.locale) or super().serve(request, *args, **kwargs)

    def clean(self):
        super().clean()
        if self.band_id and self.locale_id and self.band.locale_id != self.locale_id:
            raise ValidationError({"band": _("Choose the age band in the same language as this page.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lessons = LessonPage.objects.child_of(self).live().for_map().order_by("grade", "path")
        context["grades"] = [
            {"grade": grade, "lessons": list(group)} for grade, group in groupby(lessons, key=lambda x: x.grade)
        ]
        return context
