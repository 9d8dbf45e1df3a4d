"""The curriculum spine: age bands, strands and learning outcomes (snippets every content app refers to)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin

from core.forms import SameLanguageModelForm
from core.grades import GRADE_CHOICES, age_range, grades_for_age


class AgeBandQuerySet(models.QuerySet):
    def by_grade(self):
        """{(language_code, grade): band} for every band, from one query."""
        return {
            (band.locale.language_code, grade): band for band in self.select_related("locale") for grade in band.grades
        }

    def for_age(self, age):
        """The bands a child of this age may be in (core/grades.py: grade + 5 to grade + 6), youngest first."""
        grades = grades_for_age(age)
        if not grades:
            return self.none()
        return self.filter(first_grade__lte=max(grades), last_grade__gte=min(grades)).order_by("first_grade")


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

    @property
    def ages(self):
        """(youngest, oldest) age of the band's pupils, derived from its grades (core/grades.py)."""
        return age_range(self.first_grade, self.last_grade)

    @property
    def age_range_label(self):
        first, last = self.ages
        return _("Ages %(first)d–%(last)d") % {"first": first, "last": last}

    @property
    def ages_and_grades_label(self):
        """ "Ages 6–9 · Grades 1–3": what parents look for first, then what the school calls it."""
        return f"{self.age_range_label} · {self.grade_range_label}"

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


class LearningOutcome(TranslatableMixin, ClusterableModel):
    """One "I can…" statement of a strand in a band, with the official guidance it meets (GuidanceReference)."""

    slug = models.SlugField(_("key"), max_length=60, help_text=_("Stable key, the same in every language."))
    strand = models.ForeignKey(Strand, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("strand"))
    age_band = models.ForeignKey(AgeBand, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("age band"))
    statement = models.CharField(_("statement"), max_length=200, help_text=_('Begin with "I can…".'))

    base_form_class = SameLanguageModelForm
    panels = [
        FieldPanel("statement"),
        FieldPanel("slug"),
        FieldPanel("strand", widget=forms.Select),
        FieldPanel("age_band", widget=forms.Select),
        InlinePanel("guidance_references", heading=_("Official guidance"), label=_("Reference")),
    ]

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


class GuidanceDocumentQuerySet(models.QuerySet):
    def with_sections(self):
        """The documents with their sections, in two queries."""
        return self.prefetch_related(
            models.Prefetch("sections", queryset=GuidanceSection.objects.order_by("sort_order"))
        )


class GuidanceDocument(TranslatableMixin, ClusterableModel):
    """An official curriculum document a school answers to, such as the Ministry of Education's guide of 2021 on
    safety and health education, or UNESCO's technical guidance. A document belongs to the site of its language:
    Chinese schools are held to China's documents, the English site names international ones."""

    slug = models.SlugField(_("key"), max_length=60, help_text=_("Stable key of the document in this language."))
    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    about = models.CharField(
        _("about"), max_length=300, blank=True, help_text=_("What the document is, in one sentence of our own.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = GuidanceDocumentQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("year")]),
        FieldPanel("about"),
        FieldPanel("sort_order"),
        InlinePanel("sections", heading=_("Sections"), label=_("Section")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("official guidance document")
        verbose_name_plural = _("official guidance documents")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_guidance_document_slug_per_locale"),
        ]

    def __str__(self):
        return self.title

    @property
    def citation(self):
        """ "Title (issuer, year)": how the map and the lesson plan name the document."""
        return f"{self.title} ({self.issuer}, {self.year})"


class GuidanceSection(Orderable):
    """One part of a document that lessons can meet: a domain and core point, a module, a topic or a strand.

    The title is the document's own heading (short); the summary says in our words what it asks for."""

    document = ParentalKey(GuidanceDocument, on_delete=models.CASCADE, related_name="sections")
    slug = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("heading in the document"), max_length=200)
    summary = models.CharField(_("what it asks for, in our words"), max_length=300, blank=True)

    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("summary")]

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["document", "slug"], name="unique_guidance_section_slug_per_document"),
        ]

    def __str__(self):
        return f"{self.document.title} · {self.title}" if self.document_id else self.title


class GuidanceReference(Orderable):
    """An outcome meets a section of an official document at one of the document's stages (小学, ages 9–12…)."""

    outcome = ParentalKey(LearningOutcome, on_delete=models.CASCADE, related_name="guidance_references")
    section = models.ForeignKey(
        GuidanceSection, on_delete=models.CASCADE, related_name="references", verbose_name=_("section")
    )
    stage = models.CharField(
        _("stage"), max_length=60, blank=True, help_text=_("The document's own name for the stage, if it has one.")
    )
    note = models.CharField(_("how the outcome meets it"), max_length=300, help_text=_("In our own words."))

    panels = [FieldPanel("section"), FieldPanel("stage"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("official guidance reference")
        verbose_name_plural = _("official guidance references")

    def __str__(self):
        return str(self.section)

    def clean(self):
        try:
            outcome = self.outcome
        except LearningOutcome.DoesNotExist:  # an outcome being created: its form checks the language
            return
        if self.section_id and outcome.locale_id and self.section.document.locale_id != outcome.locale_id:
            raise ValidationError({"section": _("Choose a document in the same language as this outcome.")})
