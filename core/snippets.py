"""The base of every translatable snippet's admin: a "Translation" column saying which items are out of date."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .translations import with_translation_status


class TranslationStatusColumn(Column):
    """ "Out of date since …" for an item behind its other language, nothing when it is up to date."""

    cell_template_name = "core/includes/translation_status_cell.html"

    def __init__(self, name="translation_status", **kwargs):
        kwargs.setdefault("label", _("Translation"))
        kwargs.setdefault("accessor", "out_of_date_since")
        kwargs.setdefault("sort_key", "out_of_date_since")
        super().__init__(name, **kwargs)


class TranslatedSnippetViewSet(SnippetViewSet):
    """A snippet listing whose rows carry their translation status, from the listing's own query; put a
    `TranslationStatusColumn()` in `list_display` to show it."""

    def get_queryset(self, request):
        return with_translation_status(self.model._default_manager.all())
