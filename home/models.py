"""The site layer: each language's front page."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
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

    def route(self, request, path_components):
        """Find the page a path names in one query, not two per level (Wagtail's `Page.route` fetches each child
        and then its specific page): the deepest page under this one whose URL path is a prefix of the path,
        which then routes the rest (a lesson's `step/3/`) as Wagtail would. A missing page answers 404."""
        if not path_components:
            return super().route(request, path_components)
        prefixes = [self.url_path + "/".join(path_components[:n]) + "/" for n in range(1, len(path_components) + 1)]
        page = (
            Page.objects.descendant_of(self)
            .filter(url_path__in=prefixes, depth__lte=self.depth + len(path_components))
            .order_by("-depth")
            .specific()
            .first()
        )
        if page is None:
            raise Http404
        return page.route(request, path_components[page.depth - self.depth :])

    def serve(self, request, *args, **kwargs):
        """A signed-in pupil's home is My lessons: the front page offers every band's lessons."""
        if getattr(request.user, "is_pupil", False):
            response = redirect("progress:my_lessons")
            patch_cache_control(response, private=True)
            return response
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        curriculum = CurriculumPage.objects.child_of(self).live().first()
        context["curriculum"] = curriculum
        context["band_pages"] = curriculum.band_pages() if curriculum else []
        return context
