"""The parents' section: one index per language and guides written for one age band."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from core.caching import PublicCacheMixin
from core.forms import SameLanguagePageForm
from core.preview import preview_response
from core.search import index_words, stream_text
from curriculum.models import AgeBand, Strand

from .blocks import (
    ConversationStarterBlock,
    GuideBodyBlock,
    ReportPlaceBlock,
    ResponseStepBlock,
    SettingBlock,
    WarningSignBlock,
)


class ParentGuidePageQuerySet(PageQuerySet):
    def for_index(self):
        """Guides with their band and topics for a listing, without the heavy fields or per-guide queries."""
        return (
            self.live()
            .defer_streamfields()
            .select_related("age_band")
            .prefetch_related("topics")
            .order_by("age_band__first_grade", "path")
        )

    def for_lesson(self, lesson):
        """The guide that fits a lesson best: same language and band, most shared strands, else the band's first."""
        strand_ids = [strand.pk for strand in lesson.strands.all()]
        return (
            self.live()
            .defer_streamfields()
            .filter(
                locale_id=lesson.locale_id,
                age_band__first_grade__lte=lesson.grade,
                age_band__last_grade__gte=lesson.grade,
            )
            .annotate(shared=Count("topics", filter=Q(topics__in=strand_ids), distinct=True))
            .order_by("-shared", "path")
            .first()
        )


class ParentsIndexPage(PublicCacheMixin, Page):
    """The parents' section of one language: a plain-language introduction and the guides by age band and topic."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["parents.ParentGuidePage"]
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("parents' section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guides = list(ParentGuidePage.objects.child_of(self).for_index())
        bands, topics = {}, {}
        for guide in guides:
            bands.setdefault(guide.age_band, []).append(guide)
            for topic in guide.topics.all():
                topics.setdefault(topic, []).append(guide)
        context.update(
            guides=guides,
            bands=[{"band": band, "guides": items} for band, items in bands.items()],
            topics=[
                {"topic": topic, "guides": topics[topic]}
                for topic in sorted(topics, key=lambda strand: (strand.sort_order, strand.pk))
            ],
        )
        return context


class ParentGuidePage(PublicCacheMixin, Page):
    """Guidance for parents of children in one age band: what to say, what to watch for, what to do, where to report."""

    age_band = models.ForeignKey(AgeBand, on_delete=models.PROTECT, related_name="+", verbose_name=_("age band"))
    topics = ParentalManyToManyField(Strand, related_name="parent_guides", verbose_name=_("topics"))
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences: what this guide helps with.")
    )
    large_print = models.BooleanField(
        _("large print"),
        default=False,
        help_text=_(
            "Bigger type and more space between lines: for grandparents and anyone who finds small print hard."
        ),
    )
    body = StreamField(GuideBodyBlock(), verbose_name=_("guide"))
    conversation_starters = StreamField(
        [("starter", ConversationStarterBlock())], blank=True, verbose_name=_("conversation starters")
    )
    warning_signs = StreamField([("sign", WarningSignBlock())], blank=True, verbose_name=_("warning signs"))
    if_child_tells = StreamField(
        [("step", ResponseStepBlock())], blank=True, verbose_name=_("if your child tells you something")
    )
    settings_tools = StreamField([("setting", SettingBlock())], blank=True, verbose_name=_("settings and tools"))
    where_to_report = StreamField([("place", ReportPlaceBlock())], blank=True, verbose_name=_("where to report"))

    objects = PageManager.from_queryset(ParentGuidePageQuerySet)()

    parent_page_types = ["parents.ParentsIndexPage"]
    subpage_types = []
    base_form_class = SameLanguagePageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("age_band", widget=forms.Select),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("summary"),
                FieldPanel("large_print"),
            ],
            heading=_("About this guide"),
        ),
        FieldPanel("body"),
        FieldPanel("conversation_starters"),
        FieldPanel("warning_signs"),
        FieldPanel("if_child_tells"),
        FieldPanel("settings_tools"),
        FieldPanel("where_to_report"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("search_words"),
        index.FilterField("age_band"),
    ]

    class Meta:
        verbose_name = _("parent guide")
        verbose_name_plural = _("parent guides")

    STREAMS = ("body", "conversation_starters", "warning_signs", "if_child_tells", "settings_tools", "where_to_report")

    def plain_text(self):
        """All the guide's words: title, summary and every section."""
        return " ".join([self.title, self.summary, *(stream_text(getattr(self, name)) for name in self.STREAMS)])

    def search_words(self):
        """All the guide's text cut into words, so that Chinese queries match without spaces (core/search.py)."""
        return index_words(self.plain_text())

    def serve_preview(self, request, mode_name):
        """The unsaved draft, framable by the admin only (core.preview)."""
        return preview_response(super().serve_preview(request, mode_name), {})

    def clean(self):
        super().clean()
        if self.age_band_id and self.locale_id and self.age_band.locale_id != self.locale_id:
            raise ValidationError({"age_band": _("Choose the age band in the same language as this guide.")})
