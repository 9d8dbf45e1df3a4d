"""The site layer: each language's front page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.caching import PublicCacheMixin
from lessons.models import CurriculumPage


class HomePage(PublicCacheMixin, Page):
    """The front page of one language: what SafeSteps is, the age bands, and where parents and teachers go."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    parent_page_types = ["wagtailcore.Page"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        curriculum = CurriculumPage.objects.child_of(self).live().first()
        context["curriculum"] = curriculum
        context["band_pages"] = curriculum.band_pages() if curriculum else []
        return context
