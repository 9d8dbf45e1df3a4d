from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.snippets import LocalisedSnippetViewSet, TranslatedSnippetViewSet, TranslationStatusColumn

from .models import AgeBand, GuidanceDocument, LearningOutcome, Strand


class AgeBandViewSet(TranslatedSnippetViewSet):
    model = AgeBand
    icon = "group"
    list_display = ["name", "grade_range_label", "locale", TranslationStatusColumn()]
    list_filter = ["locale"]


class StrandViewSet(TranslatedSnippetViewSet):
    model = Strand
    icon = "list-ul"
    list_display = ["name", "slug", "locale", TranslationStatusColumn()]
    list_filter = ["locale"]


class LearningOutcomeViewSet(TranslatedSnippetViewSet):
    model = LearningOutcome
    icon = "tick"
    list_display = ["statement", "strand", "age_band", "locale", TranslationStatusColumn()]
    list_filter = ["locale", "age_band", "strand"]
    search_fields = ["statement"]


class GuidanceDocumentViewSet(LocalisedSnippetViewSet):
    model = GuidanceDocument
    icon = "doc-full"
    list_display = ["title", "issuer", "year", "locale"]
    list_filter = ["locale"]
    search_fields = ["title"]


class CurriculumGroup(SnippetViewSetGroup):
    menu_label = _("Curriculum")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (AgeBandViewSet, StrandViewSet, LearningOutcomeViewSet, GuidanceDocumentViewSet)


register_snippet(CurriculumGroup)
