from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from core.snippets import TranslatedSnippetViewSet, TranslationStatusColumn

from .models import Quiz


class QuizViewSet(TranslatedSnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quizzes")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "locale", "live", TranslationStatusColumn()]
    list_filter = ["locale", "live"]


register_snippet(QuizViewSet)
