"""The curriculum spine: age bands, strands and learning outcomes, and the pages that map them."""

from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

GRADES = range(1, 10)


def _grade_label(grade):
    return _("Grade %(grade)d") % {"grade": grade}


GRADE_CHOICES = [(grade, lazy(_grade_label, str)(grade)) for grade in GRADES]


class AgeBandQuerySet(models.QuerySet):
    def by_grade(self):
        """{(language_code, grade): band} for every band, from one query."""
        return {
            (band.locale.language_code, grade): band for band in self.select_related("locale") for grade in band.grades
        }


class AgeBand(TranslatableMixin, models.Model):
    """Grades 1–3, 4–6 or 7–9: lessons, outcomes and parent guides are written for one band."""

    slug = models.SlugField(_("key"), max_length=60, help_text=_("Stable key, the same in every language."))
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    first_grade = models.PositiveSmallIntegerField(_("first grade"), choices=GRADE_CHOICES)
    last_grade = models.PositiveSmallIntegerField(_("last grade"), choices=GRADE_CHOICES)

    objects = AgeBandQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("first_grade"), FieldPanel("last_grade")]),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")
        ordering = ["first_grade"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_age_band_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    @property
    def grades(self):
        return range(self.first_grade, self.last_grade + 1)

    @property
    def grade_range_label(self):
        return _("Grades %(first)d–%(last)d") % {"first": self.first_grade, "last": self.last_grade}

    def clean(self):
        if self.first_grade and self.last_grade and self.first_grade > self.last_grade:
            raise ValidationError({"last_grade": _("The last grade cannot come before the first grade.")})


class Strand(TranslatableMixin, models.Model):
    """A thread that runs through every band, such as "people online" or "getting help"."""

    slug = models.SlugField(_("key"), max_length=60, help_text=_("Stable key, the same in every language."))
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("strand")
        verbose_name_plural = _("strands")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_strand_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


class LearningOutcome(TranslatableMixin, models.Model):
    """One "I can…" statement of a strand in a band."""

    slug = models.SlugField(_("key"), max_length=60, help_text=_("Stable key, the same in every language."))
    strand = models.ForeignKey(Strand, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("strand"))
    age_band = models.ForeignKey(AgeBand, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("age band"))
    statement = models.CharField(_("statement"), max_length=200, help_text=_('Begin with "I can…".'))

    panels = [FieldPanel("statement"), FieldPanel("slug"), FieldPanel("strand"), FieldPanel("age_band")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
        ordering = ["age_band__first_grade", "strand__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_outcome_slug_per_locale"),
        ]

    def __str__(self):
        return self.statement

    def clean(self):
        for field in ("strand", "age_band"):
            related = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if related and self.locale_id and related.locale_id != self.locale_id:
                raise ValidationError({field: _("Choose one in the same language as this outcome.")})


class CurriculumPage(Page):
    """The year-by-year map of one language: grades 1–9 across the strands, each cell linking to its lessons."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    parent_page_types = ["core.HomePage"]
    subpage_types = ["curriculum.AgeBandPage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("curriculum map")

    def band_pages(self):
        return AgeBandPage.objects.child_of(self).live().select_related("band").order_by("band__first_grade")

    def get_context(self, request, *args, **kwargs):
        from lessons.models import LessonPage

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
        )
        return context


class AgeBandPage(Page):
    """One age band: its lessons by grade."""

    band = models.ForeignKey(AgeBand, on_delete=models.PROTECT, related_name="+", verbose_name=_("age band"))
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    parent_page_types = ["curriculum.CurriculumPage"]
    subpage_types = ["lessons.LessonPage"]
    content_panels = [*Page.content_panels, FieldPanel("band"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("age band page")

    def clean(self):
        super().clean()
        if self.band_id and self.locale_id and self.band.locale_id != self.locale_id:
            raise ValidationError({"band": _("Choose the age band in the same language as this page.")})

    def get_context(self, request, *args, **kwargs):
        from lessons.models import LessonPage

        context = super().get_context(request, *args, **kwargs)
        lessons = LessonPage.objects.child_of(self).live().for_map().order_by("grade", "path")
        context["grades"] = [
            {"grade": grade, "lessons": list(group)} for grade, group in groupby(lessons, key=lambda x: x.grade)
        ]
        return context
